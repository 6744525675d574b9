/**
 * Names of the transcript formats, in a module that imports nothing: the CLI lists them in
 * `chatlens --help`, which must not load the parsers to do so.
 */
export const UPLOAD_FORMATS = ['chatlens-jsonl', 'json', 'csv', 'openai-jsonl', 'sharegpt'] as const;
export type UploadFormat = (typeof UPLOAD_FORMATS)[number];
export const FORMAT_OPTIONS = [...UPLOAD_FORMATS, 'auto'] as const;
export type FormatOption = (typeof FORMAT_OPTIONS)[number];
