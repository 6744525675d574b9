import { describe, expect, it } from 'vitest';
import { parseTranscript } from './transcript.js';

describe('parseTranscript', () => {
  it('reads JSONL messages with history, question and documents per session', () => {
    const turns = parseTranscript(
      [
        { sessionId: 's1', role: 'user', content: 'When did it open?' },
        { sessionId: 's2', role: 'user', content: 'hi' },
        { sessionId: 's1', role: 'assistant', content: 'In 1990.', documents: [{ id: 7, title: 'Guide', content: 'Opened 1990.' }] },
      ]
        .map((m) => JSON.stringify(m))
        .join('\n'),
    );
    expect(turns).toHaveLength(3);
    const answer = turns[2];
    expect(answer).toMatchObject({ sessionId: 's1', index: 1 });
    expect(answer.context.history).toEqual([{ role: 'user', content: 'When did it open?' }]);
    expect(answer.context.question).toBe('When did it open?');
    expect(answer.context.documents[0]).toMatchObject({ id: 7, title: 'Guide', content: 'Opened 1990.' });
  });

  it('reads a JSON array of sessions', () => {
    const turns = parseTranscript(JSON.stringify([{ id: 'a', messages: [{ role: 'user', content: 'x' }, { role: 'assistant', content: 'y' }] }]));
    expect(turns.map((t) => [t.sessionId, t.index, t.turn.role])).toEqual([
      ['a', 0, 'user'],
      ['a', 1, 'assistant'],
    ]);
  });

  it('reads the eval format, with context as a document', () => {
    const [t] = parseTranscript(JSON.stringify({ id: 'r1', role: 'assistant', text: 'Paris.', context: 'Paris is the capital.', question: 'Capital?' }));
    expect(t.turn).toEqual({ role: 'assistant', content: 'Paris.' });
    expect(t.context.documents[0].content).toBe('Paris is the capital.');
    expect(t.context.question).toBe('Capital?');
  });

  it('names the line of a malformed message', () => {
    expect(() => parseTranscript('{"role":"user","content":"a"}\nnope', 'x.jsonl')).toThrow(/x\.jsonl:2/);
  });
});
