#!/usr/bin/env node
/**
 * `chatlens <command>`: one file per command under src/cli/, each exporting `register(program)`.
 * Commands call services directly, never HTTP handlers.
 */
import { Command } from 'commander';
import { COMMANDS } from './commands.js';

const program = new Command();
program.name('chatlens').description('Monitoring, usage reporting and safety analysis for LLM chat assistants');
program.showHelpAfterError();
for (const register of COMMANDS) register(program);

program.parseAsync(process.argv).catch((err: unknown) => {
  process.stderr.write(`chatlens: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 1;
});
