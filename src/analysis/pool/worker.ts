/**
 * Piscina worker: analyses session groups with the built-in engine. The built CLI and server
 * (dist/) load the compiled worker.js directly; runs from source (vitest, tsx) load worker.mjs,
 * which registers tsx first because a worker thread does not inherit its parent's loader.
 */
import { builtinEngine } from '../engine.js';
import { type GroupFindings, type SessionGroup, analyzeGroups } from './task.js';

export default function analyze(groups: SessionGroup[]): GroupFindings {
  return analyzeGroups(builtinEngine, groups);
}
