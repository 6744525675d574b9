/** A turn of a chat session: who spoke and what was said. The unit the analysis engine reads. */

export const MESSAGE_ROLES = ['user', 'assistant', 'system', 'tool'] as const;
export type Role = (typeof MESSAGE_ROLES)[number];

export interface Turn {
  role: Role;
  content: string;
}
