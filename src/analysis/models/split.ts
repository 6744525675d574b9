/**
 * The fixed train/validation split used by scripts/train-models.ts and `chatlens eval --split`:
 * a row is in validation when the FNV-1a hash of its id is divisible by 5 (20 %). Hashing the
 * id keeps the split stable whatever the file order.
 */
import { fnv1a } from './linear.js';

export type Split = 'train' | 'validation';

export function splitOf(id: string): Split {
  return fnv1a(id) % 5 === 0 ? 'validation' : 'train';
}
