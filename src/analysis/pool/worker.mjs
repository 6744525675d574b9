// Piscina worker: analyses session groups with the built-in engine. Plain .mjs so Node can load it
// in a worker thread under every runner (tsx, vitest, node): it registers tsx, then imports the
// TypeScript modules. Calling register() when tsx is already active is harmless.
import { register } from 'tsx/esm/api';

register();
const { analyzeGroups } = await import('./task.ts');
const { builtinEngine } = await import('../engine.ts');

export default function analyze(groups) {
  return analyzeGroups(builtinEngine, groups);
}
