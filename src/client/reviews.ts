/**
 * `chatlens.reviews`: analysts' verdicts on findings, turns the engine missed, the review queue and
 * the precision measured from reviews (issue 14). Types are the server's schemas, imported as types.
 */
import type { RequestOptions, Transport } from './http.js';
import type { FlaggedTurn, MissedBody, MissedFinding, PrecisionReport, ReviewQueuePage, ReviewStatus } from './types.js';

export class Reviews {
  constructor(private readonly http: Transport) {}

  /**
   * Confirms or dismisses a finding (with an optional note); `null` removes the review. A dismissed
   * finding stops counting in trends, flagged-turn lists and the monitor at once.
   *
   * @example
   * await chatlens.reviews.review(finding.id, 'dismissed', 'quoting the user');
   */
  review(findingId: number, status: ReviewStatus | null, note?: string, options?: RequestOptions): Promise<FlaggedTurn> {
    const path = `/api/findings/${findingId}/review`;
    // The same verdict sent twice leaves the same state: safe to retry.
    if (status === null) return this.http.request({ method: 'DELETE', path, idempotent: true, options });
    return this.http.request({ method: 'PUT', path, body: { status, ...(note !== undefined ? { note } : {}) }, idempotent: true, options });
  }

  /**
   * Flags a span of a turn the engine missed; kept as a labelled example (not counted in trends).
   *
   * @example
   * await chatlens.reviews.flagMissed('m42', { subtype: 'CONDESCENSION', start: 0, end: 24 });
   */
  flagMissed(messageId: string, body: MissedBody, options?: RequestOptions): Promise<MissedFinding> {
    return this.http.request({ method: 'POST', path: `/api/messages/${encodeURIComponent(messageId)}/missed`, body, idempotent: false, options });
  }

  /** One page of findings awaiting review, most severe first, then newest; follow `nextCursor`. */
  queue(q: { days?: number; limit?: number; cursor?: string } = {}, options?: RequestOptions): Promise<ReviewQueuePage> {
    return this.http.request({ method: 'GET', path: '/api/reviews/queue', query: { ...q }, idempotent: true, options });
  }

  /**
   * Precision per subtype from the reviews of the last `days` days (1–365).
   *
   * @example
   * const { subtypes } = await chatlens.reviews.precision(90);
   */
  precision(days = 30, options?: RequestOptions): Promise<PrecisionReport> {
    return this.http.request({ method: 'GET', path: '/api/reviews/precision', query: { days }, idempotent: true, options });
  }
}
