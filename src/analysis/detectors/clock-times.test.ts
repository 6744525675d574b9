import { describe, expect, it } from 'vitest';
import { derivedTimes } from './clock-times.js';

const DOCS = 'Flights to Lisbon depart daily at 07:15 and 18:40. Check-in closes 45 minutes before departure. The lounge opens 2 hours before the first flight.';
const times = (text: string, docs = DOCS) => derivedTimes(text, docs).map(([s, e]) => text.slice(s, e));

describe('derivedTimes', () => {
  it('reads a time that is a document time minus or plus one of its durations', () => {
    expect(times('Check-in closes at 06:30 for the morning flight and at 17:55 for the evening one.')).toEqual(['06:30', '17:55']);
    expect(times('The lounge opens at 05:15.')).toEqual(['05:15']);
    expect(times('The tour ends at 16:00.', 'The tour starts at 14:00 and lasts 2 hours.')).toEqual(['16:00']);
  });

  it('wraps around midnight', () => {
    expect(times('Boarding closes at 00:15.', 'The last train leaves at 23:30; boarding closes 45 minutes after departure.')).toEqual(['00:15']);
  });

  it('leaves a time that no document time and duration give', () => {
    expect(times('Check-in closes at 06:00.')).toEqual([]);
    expect(times('The flight departs at 08:15.')).toEqual([]);
    // No duration in the documents: nothing to work a time out with.
    expect(times('Check-in closes at 06:30.', 'Flights depart at 07:15.')).toEqual([]);
  });

  it('reads only clock times, not decimals', () => {
    expect(times('It costs 6.30 euros.')).toEqual([]);
  });
});
