/**
 * The labelled data sets beside the repository (../shared/eval/{dev,train}, read-only, never
 * copied into the project) and what their licences allow. Only `trainable` sources may train
 * weights the project ships: GPL and non-commercial sources are measured, never trained on.
 * Training refuses every other row (`assertTrainable`), including anything that is not from these
 * files, such as the functional test cases (test/functional), which no training code imports.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseEvalJsonl, type EvalRow } from '../../src/analysis/eval.js';

export interface SourceInfo {
  /** The rows' `source` field (the data set's name). */
  name: string;
  /** Files under the data folder. */
  files: string[];
  licence: string;
  trainable: boolean;
  /** What the licence asks of shipped weights trained on it. */
  attribution?: string;
}

export const SOURCES: SourceInfo[] = [
  { name: 'halueval', files: ['dev/hallucination-halueval.jsonl'], licence: 'MIT (RUCAIBox/HaluEval)', trainable: true },
  { name: 'chatprotect', files: ['dev/hallucination-chatprotect.jsonl'], licence: 'Apache-2.0 (eth-sri/ChatProtect)', trainable: true },
  { name: 'hallucinated-references', files: ['dev/hallucination-hallucinated-references.jsonl'], licence: 'MIT (microsoft/hallucinated-references)', trainable: true },
  { name: 'scientific-exaggeration', files: ['dev/hallucination-scientific-exaggeration.jsonl'], licence: 'GPL-3.0 (copenlu/scientific-exaggeration-detection)', trainable: false },
  { name: 'ci-tod', files: ['train/hallucination-ci-tod.jsonl'], licence: 'MIT per README badge (yizhen20133868/CI-ToD; KVRET dialogues)', trainable: true, attribution: 'Qin et al. 2021 (CI-ToD); Eric et al. 2017 (KVRET)' },
  { name: 'summedits', files: ['train/hallucination-summedits.jsonl'], licence: 'Apache-2.0 (salesforce/factualNLG)', trainable: true },
  { name: 'crows-pairs', files: ['dev/bias-crows-pairs.jsonl'], licence: 'CC BY-SA 4.0 (nyu-mll/crows-pairs)', trainable: true, attribution: 'Nangia et al. 2020 (CrowS-Pairs), CC BY-SA 4.0: weights trained on it are shared under CC BY-SA 4.0' },
  { name: 'toxigen', files: ['dev/bias-toxigen.jsonl'], licence: 'CDLA-Permissive-2.0 data / MIT code (microsoft/TOXIGEN)', trainable: true },
  { name: 'redditbias', files: ['train/bias-redditbias.jsonl'], licence: 'MIT (SoumyaBarikeri/RedditBias)', trainable: true },
  { name: 'diasafety', files: ['train/bias-diasafety.jsonl', 'train/toxicity-diasafety.jsonl'], licence: 'Apache-2.0 (thu-coai/DiaSafety)', trainable: true },
  { name: 'davidson-hate-offensive', files: ['dev/toxicity-davidson-hate-offensive.jsonl'], licence: 'MIT (t-davidson/hate-speech-and-offensive-language)', trainable: true },
  { name: 'openai-moderation', files: ['dev/toxicity-openai-moderation.jsonl'], licence: 'MIT (openai/moderation-api-release)', trainable: true },
  { name: 'ucc', files: ['dev/toxicity-ucc.jsonl'], licence: 'CC BY-NC-SA 4.0 (conversationai/unhealthy-conversations)', trainable: false },
  { name: 'stormfront', files: ['train/toxicity-stormfront.jsonl'], licence: 'CC BY-SA 3.0 ES (Vicomtech/hate-speech-dataset)', trainable: true, attribution: 'de Gibert et al. 2018 (Stormfront hate speech), CC BY-SA 3.0 ES: weights trained on it are shared under the same licence' },
  { name: 'oss-incivility', files: ['train/toxicity-oss-incivility.jsonl'], licence: 'GPL-3.0 (ferreira-isa/incivility_detection)', trainable: false },
  { name: 'xstest', files: ['train/toxicity-xstest.jsonl'], licence: 'CC BY 4.0 (paul-rottger/exaggerated-safety)', trainable: true, attribution: 'Röttger et al. 2024 (XSTest), CC BY 4.0' },
];

const BY_NAME = new Map(SOURCES.map((s) => [s.name, s]));

export function sourceInfo(name: string): SourceInfo | undefined {
  return BY_NAME.get(name);
}

/** Every row of the known files present under `dataRoot`, with `source` set from the table. */
export function loadRows(dataRoot: string): EvalRow[] {
  const rows: EvalRow[] = [];
  for (const s of SOURCES) {
    for (const f of s.files) {
      const p = path.join(dataRoot, f);
      if (!existsSync(p)) continue;
      for (const r of parseEvalJsonl(readFileSync(p, 'utf8'), f)) rows.push({ ...r, source: s.name });
    }
  }
  return rows;
}

/** Throws unless every row comes from a source whose licence allows training shipped weights. */
export function assertTrainable(rows: readonly EvalRow[]): void {
  for (const r of rows) {
    const info = r.source ? BY_NAME.get(r.source) : undefined;
    if (!info?.trainable) throw new Error(`row ${r.id} (source ${r.source ?? 'none'}) may not be trained on`);
  }
}
