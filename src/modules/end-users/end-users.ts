/** One end user of the chat product as the dashboard's user page shows them (the schema is the one definition). */
import { type Static, Type } from '@sinclair/typebox';
import { Nullable } from '../../http/schemas.js';

export const EndUserSchema = Type.Object({
  userId: Type.String(),
  email: Nullable(Type.String({ description: 'From the latest connection event that carried one.' })),
  firstSeenAt: Nullable(Type.String({ format: 'date-time' })),
  lastSeenAt: Nullable(Type.String({ format: 'date-time' })),
  sessionCount: Type.Integer({ description: 'Every session of the user, whatever its age.' }),
  findingCount: Type.Integer({ description: 'Findings in those sessions; dismissed ones do not count.' }),
  categories: Type.Object(
    { hallucination: Type.Integer(), bias: Type.Integer(), toxicity: Type.Integer() },
    { description: 'Findings per category.' },
  ),
  activity: Type.Array(
    Type.Object({ date: Type.String(), queries: Type.Integer(), findings: Type.Integer() }),
    { description: 'One bucket per UTC day of the window, ascending, zero-filled: the user’s queries and the findings of their sessions that day.' },
  ),
});
export type EndUser = Static<typeof EndUserSchema>;
