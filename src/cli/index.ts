#!/usr/bin/env node
/**
 * `chatlens <command>`: one file per command under src/cli/, each exporting `register(program)`.
 * Commands call services directly, never HTTP handlers. The command files import only commander
 * and constants; each action loads what it needs when it runs, so `chatlens --help` and
 * `chatlens --version` load no server code (`npm run bench` measures the start).
 */
import { readFileSync } from 'node:fs';
import { Command } from 'commander';
import { COMMANDS } from './commands.js';

// package.json sits two levels up from both src/cli/ and dist/cli/.
const { version } = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };

const program = new Command();
program
  .name('chatlens')
  .description('Monitoring, usage reporting and safety analysis for LLM chat assistants')
  .version(version, '-v, --version', 'print the version');
program.showHelpAfterError();
for (const register of COMMANDS) register(program);

program.parseAsync(process.argv).catch((err: unknown) => {
  process.stderr.write(`chatlens: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 1;
});
