/**
 * `chatlens analyze <file> [--json] [--format <format>]`: runs the built-in engine over a
 * transcript file offline and prints the findings kept by the chosen policy preset.
 *
 * @example
 *   npx chatlens analyze chats.jsonl
 *   npx chatlens analyze sessions.json --json --preset strict
 *   npx chatlens analyze export.txt --format csv
 */
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { PRESETS, type Preset } from '../analysis/policy.js';
import type { TranscriptTurn } from '../analysis/transcript.js';
import type { Turn } from '../analysis/types.js';
import { count as plural } from '../lib/plural.js';
import { FORMAT_OPTIONS, type FormatOption } from '../transcripts/format-names.js';

/**
 * The analyse command's own reader covers chat JSONL, session JSON and the eval format; every
 * other export (CSV, OpenAI JSONL, ShareGPT, ChatGPT, gzip) goes through the upload parsers, so
 * whatever can be uploaded can be analysed offline. A `--format` other than `auto` goes straight
 * to the upload parsers with that format, as `chatlens upload --format` would.
 */
async function loadTurns(file: string, format: FormatOption): Promise<TranscriptTurn[]> {
  if (format !== 'auto') return viaUploadParsers(file, format);
  const { parseTranscript } = await import('../analysis/transcript.js');
  let simple: Error;
  try {
    return parseTranscript(readFileSync(file, 'utf8'), file);
  } catch (err) {
    simple = err as Error;
  }
  try {
    return await viaUploadParsers(file, 'auto');
  } catch (err) {
    throw new Error(`${simple.message}; as an export: ${(err as Error).message}`);
  }
}

async function viaUploadParsers(file: string, format: FormatOption): Promise<TranscriptTurn[]> {
  const { normalizeRecord, openRecords, sniffFile } = await import('../transcripts/index.js');
  const { contextFor } = await import('../chat/context.js');
  const detected = await sniffFile(file, format);
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
    .option('--format <format>', `file format (${FORMAT_OPTIONS.join(', ')})`, 'auto')
    .action(async (file: string, opts: { json?: boolean; preset: string; format: string }) => {
      if (!PRESETS.includes(opts.preset as Preset)) throw new Error(`--preset must be one of ${PRESETS.join(', ')}`);
      if (!(FORMAT_OPTIONS as readonly string[]).includes(opts.format)) throw new Error(`--format must be one of ${FORMAT_OPTIONS.join(', ')}`);
      const { builtinEngine } = await import('../analysis/engine.js');
      const { applyPolicy, policyFromPreset } = await import('../analysis/policy.js');
      const policy = policyFromPreset(opts.preset as Preset);
      const turns = await loadTurns(file, opts.format as FormatOption);
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
      process.stdout.write(`\n${plural(turns.length, 'turn')} analysed, ${plural(count, 'finding')} (${builtinEngine.version}, ${opts.preset} policy)\n`);
    });
}

function clip(s: string, n: number): string {
  return s.length > n ? `${s.slice(0, n - 1)}…` : s;
}
