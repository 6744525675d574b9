import type { Command } from 'commander';
import { registerAdmin } from './admin.js';
import { register as analyze } from './analyze.js';
import { registerDemo } from './demo.js';
import { register as evaluate } from './eval.js';
import { registerServe } from './serve.js';
import { registerUpload } from './upload.js';
import { registerWorker } from './worker.js';

/** Every CLI command registers itself here; keep one import per command file. */
export type RegisterCommand = (program: Command) => void;

export const COMMANDS: RegisterCommand[] = [registerServe, registerAdmin, registerDemo, analyze, evaluate, registerUpload, registerWorker];
