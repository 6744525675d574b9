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
import { parseTranscript } from '../analysis/transcript.js';

export function register(program: Command): void {
  program
    .command('analyze')
    .description('Analyse a transcript file (JSONL messages, JSON sessions or eval JSONL) for hallucination, bias and toxicity')
    .argument('<file>', 'transcript file')
    .option('--json', 'print one JSON line per finding')
    .option('--preset <preset>', `policy preset (${PRESETS.join(', ')})`, 'standard')
    .action((file: string, opts: { json?: boolean; preset: string }) => {
      if (!PRESETS.includes(opts.preset as Preset)) throw new Error(`--preset must be one of ${PRESETS.join(', ')}`);
      const policy = policyFromPreset(opts.preset as Preset);
      const turns = parseTranscript(readFileSync(file, 'utf8'), file);
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
