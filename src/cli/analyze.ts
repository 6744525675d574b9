/**
 * `chatlens analyze <file> [--json]`: runs the built-in engine over a transcript file offline
 * and prints the findings kept by the chosen policy preset.
 *
 * @example
 *   npx chatlens analyze chats.jsonl
 *   npx chatlens analyze sessions.json --json --preset strict
 */
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { builtinEngine } from '../analysis/engine.js';
import { PRESETS, applyPolicy, policyFromPreset, type Preset } from '../analysis/policy.js';
import { type TranscriptTurn, parseTranscript } from '../analysis/transcript.js';
import type { Turn } from '../analysis/types.js';
import { contextFor } from '../chat/context.js';
import { normalizeRecord, openRecords, sniffFile } from '../transcripts/index.js';

/**
 * The analyse command's own reader covers chat JSONL, session JSON and the eval format; every
 * other export (CSV, OpenAI JSONL, ShareGPT, ChatGPT, gzip) goes through the upload parsers, so
 * whatever can be uploaded can be analysed offline.
 */
async function loadTurns(file: string): Promise<TranscriptTurn[]> {
  let simple: Error;
  try {
    return parseTranscript(readFileSync(file, 'utf8'), file);
  } catch (err) {
    simple = err as Error;
  }
  try {
    return await viaUploadParsers(file);
  } catch (err) {
    throw new Error(`${simple.message}; as an export: ${(err as Error).message}`);
  }
}

async function viaUploadParsers(file: string): Promise<TranscriptTurn[]> {
  const detected = await sniffFile(file);
  const stream = openRecords(file, detected);
  const ctx = { sha16: '0'.repeat(16), idPrefix: '', receivedAt: new Date().toISOString(), format: detected.format };
  const history = new Map<string, Turn[]>();
  const out: TranscriptTurn[] = [];
  try {
    for await (const record of stream.records) {
      // Bad lines are reported and skipped, as an upload would; the rest is analysed.
      if (record.error) {
        process.stderr.write(`${file}:${record.line}: ${record.error}\n`);
        continue;
      }
      let normalized: ReturnType<typeof normalizeRecord>;
      try {
        normalized = normalizeRecord(record, ctx);
      } catch (err) {
        process.stderr.write(`${file}:${record.line}: ${(err as Error).message}\n`);
        continue;
      }
      for (const e of normalized.errors) process.stderr.write(`${file}:${record.line}: ${e}\n`);
      for (const m of normalized.messages) {
        const earlier = history.get(m.sessionId) ?? [];
        const turn: Turn = { role: m.role, content: m.content };
        if (m.role === 'user' || m.role === 'assistant') {
          out.push({ sessionId: m.sessionId, index: earlier.length, turn, context: contextFor(m.role, earlier, m.documents) });
        }
        earlier.push(turn);
        history.set(m.sessionId, earlier);
      }
    }
  } finally {
    stream.close();
  }
  return out;
}

export function register(program: Command): void {
  program
    .command('analyze')
    .description('Analyse a transcript file (any upload format: JSONL, JSON, CSV, OpenAI, ShareGPT, gzip; or eval JSONL) for hallucination, bias and toxicity')
    .argument('<file>', 'transcript file')
    .option('--json', 'print one JSON line per finding')
    .option('--preset <preset>', `policy preset (${PRESETS.join(', ')})`, 'standard')
    .action(async (file: string, opts: { json?: boolean; preset: string }) => {
      if (!PRESETS.includes(opts.preset as Preset)) throw new Error(`--preset must be one of ${PRESETS.join(', ')}`);
      const policy = policyFromPreset(opts.preset as Preset);
      const turns = await loadTurns(file);
      const rows: string[] = [];
      let count = 0;
      for (const t of turns) {
        const { kept } = applyPolicy(builtinEngine.analyze(t.turn, t.context), policy, t.turn.content);
        for (const f of kept) {
          count++;
          if (opts.json) {
            rows.push(JSON.stringify({ sessionId: t.sessionId, turnIndex: t.index, role: t.turn.role, engine: builtinEngine.version, ...f }));
          } else {
            const evidence = f.spans.map((s) => JSON.stringify(clip(s.text, 60))).join(', ');
            rows.push(
              [clip(t.sessionId, 12).padEnd(12), String(t.index).padStart(4), t.turn.role.padEnd(9), f.subtype.padEnd(22), f.score.toFixed(2), f.severity.padEnd(8), evidence].join('  '),
            );
          }
        }
      }
      if (opts.json) {
        if (rows.length) process.stdout.write(`${rows.join('\n')}\n`);
        return;
      }
      const header = ['session'.padEnd(12), 'turn', 'role'.padEnd(9), 'subtype'.padEnd(22), 'score', 'severity', 'evidence'].join('  ');
      process.stdout.write(`${header}\n${rows.join('\n')}${rows.length ? '\n' : ''}`);
      process.stdout.write(`\n${turns.length} turns analysed, ${count} findings (${builtinEngine.version}, ${opts.preset} policy)\n`);
    });
}

function clip(s: string, n: number): string {
  return s.length > n ? `${s.slice(0, n - 1)}…` : s;
}
