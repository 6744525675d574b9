import { describe, expect, it } from 'vitest';
import { LOGIN_LIMITS, LoginThrottle } from './login-throttle.js';

function clock() {
  let t = 1_000_000;
  return { now: () => t, advance: (ms: number) => (t += ms) };
}

const refused = (fn: () => unknown) => {
  try {
    fn();
    return false;
  } catch (err) {
    return (err as { code?: string }).code === 'TOO_MANY_REQUESTS';
  }
};

describe('LoginThrottle', () => {
  it('counts an attempt when it starts, so parallel attempts beyond the limit are refused before any password check', () => {
    const throttle = new LoginThrottle();
    const started = Array.from({ length: LOGIN_LIMITS.pair }, () => throttle.begin('a@x.test', '10.0.0.1'));
    expect(refused(() => throttle.begin('a@x.test', '10.0.0.1'))).toBe(true);
    // A right password among them gives its attempt back.
    started[0].succeeded();
    expect(refused(() => throttle.begin('A@x.test ', '10.0.0.1'))).toBe(false);
  });

  it('limits one address guessing many emails to 50 attempts', () => {
    const throttle = new LoginThrottle();
    for (let i = 0; i < LOGIN_LIMITS.address; i++) throttle.begin(`user${i}@x.test`, '192.0.2.5').failed();
    expect(refused(() => throttle.begin('someone-else@x.test', '192.0.2.5'))).toBe(true);
    expect(refused(() => throttle.begin('someone-else@x.test', '192.0.2.6'))).toBe(false);
  });

  it('caps one email at 100 attempts from all addresses, except at an address where it signed in before', () => {
    const throttle = new LoginThrottle();
    throttle.begin('owner@x.test', '203.0.113.1').succeeded();
    for (let i = 0; i < LOGIN_LIMITS.email; i++) throttle.begin('owner@x.test', `198.51.100.${i}`).failed();
    expect(refused(() => throttle.begin('owner@x.test', '198.51.100.200'))).toBe(true);
    // The owner's usual place still works.
    expect(refused(() => throttle.begin('owner@x.test', '203.0.113.1'))).toBe(false);
  });

  it('forgets failures after 15 minutes, and gives back attempts the database never decided', () => {
    const c = clock();
    const throttle = new LoginThrottle(c.now);
    for (let i = 0; i < LOGIN_LIMITS.pair; i++) throttle.begin('a@x.test', '10.0.0.1').failed();
    expect(refused(() => throttle.begin('a@x.test', '10.0.0.1'))).toBe(true);
    c.advance(15 * 60_000);
    const attempts = Array.from({ length: LOGIN_LIMITS.pair }, () => throttle.begin('a@x.test', '10.0.0.1'));
    for (const a of attempts) a.cancelled();
    expect(refused(() => throttle.begin('a@x.test', '10.0.0.1'))).toBe(false);
  });

  it('says when to try again', () => {
    const throttle = new LoginThrottle();
    for (let i = 0; i < LOGIN_LIMITS.pair; i++) throttle.begin('a@x.test', '10.0.0.1').failed();
    expect(() => throttle.begin('a@x.test', '10.0.0.1')).toThrow(/too many failed sign-ins; try again in 15 minutes/);
  });
});
