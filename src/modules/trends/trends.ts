/** `GET /api/trends` on the wire: the schema is the one definition, the types are `Static<>` of it. */
import { type Static, type TInteger, type TObject, Type } from '@sinclair/typebox';
import { SUBTYPES } from '../../analysis/types.js';

const Rates = {
  hallucinationRate: Type.Number(),
  biasRate: Type.Number(),
  toxicityRate: Type.Number(),
};

export const PeriodTotalsSchema = Type.Object({ uploads: Type.Integer(), issues: Type.Integer(), ...Rates });
export type PeriodTotals = Static<typeof PeriodTotalsSchema>;

export const TrendsDaySchema = Type.Object({
  date: Type.String({ format: 'date' }),
  uploadCount: Type.Integer(),
  totalIssues: Type.Integer(),
  ...Rates,
  hallucinationFlagged: Type.Integer(),
  biasFlagged: Type.Integer(),
  toxicityFlagged: Type.Integer(),
});
export type TrendsDay = Static<typeof TrendsDaySchema>;

/** Findings per subtype of one category; every subtype is always listed. */
function subtypeCounts<S extends string>(subtypes: readonly S[]): TObject<Record<S, TInteger>> {
  return Type.Object(Object.fromEntries(subtypes.map((s) => [s, Type.Integer()])) as Record<S, TInteger>);
}

export const TrendsSchema = Type.Object({
  dailyData: Type.Array(TrendsDaySchema),
  subtypeBreakdown: Type.Object({
    hallucination: subtypeCounts(SUBTYPES.hallucination),
    bias: subtypeCounts(SUBTYPES.bias),
    toxicity: subtypeCounts(SUBTYPES.toxicity),
  }),
  totals: Type.Object({ ...PeriodTotalsSchema.properties, priorPeriod: PeriodTotalsSchema }),
});
export type Trends = Static<typeof TrendsSchema>;
