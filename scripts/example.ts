/** One training example written by the Chatlens team (see train-examples.ts). */
export interface Example {
  text: string;
  label: 0 | 1;
  /** Extra heads this example is positive for. */
  heads?: string[];
}

export const pos = (heads: string[], ...texts: string[]): Example[] => texts.map((text) => ({ text, label: 1, heads }));
export const neg = (...texts: string[]): Example[] => texts.map((text) => ({ text, label: 0 }));
