/**
 * A time of the canonical shape (`YYYY-MM-DDTHH:MM:SS.mmmZ`, what toISOString prints) with every
 * field drawn at random a little past its range, so that some name no real instant (month 13, the
 * 31st of April, 25 o'clock): for tests comparing a fast path with the Date round trip.
 */
export function canonicalShapedTime(rand: () => number): string {
  const two = (max: number) => String(Math.floor(rand() * max)).padStart(2, '0');
  const year = String(rand() < 0.1 ? Math.floor(rand() * 10_000) : 1990 + Math.floor(rand() * 120)).padStart(4, '0');
  return `${year}-${two(14)}-${two(33)}T${two(26)}:${two(62)}:${two(62)}.${String(Math.floor(rand() * 1000)).padStart(3, '0')}Z`;
}
