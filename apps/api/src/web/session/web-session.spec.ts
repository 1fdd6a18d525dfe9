import { parseSession as parse, safeReturn } from './web-session';

const MAX_AGE_MS = 10 * 60 * 60 * 1000;
const parseSession = (raw: unknown, now: number) => parse(raw, now, MAX_AGE_MS);

describe('the web session cookie', () => {
  const now = Date.parse('2026-01-01T12:00:00Z');

  it('reads a well-formed session and refuses anything else', () => {
    const session = { sid: 'abc', token: 'demo-council-officer', issuedAt: now - 1000 };
    expect(parseSession(JSON.stringify(session), now)).toEqual(session);
    expect(parseSession(JSON.stringify({ ...session, token: null }), now)).toEqual({ ...session, token: null });
    expect(parseSession(false, now)).toBeNull(); // cookie-parser gives false for a bad signature
    expect(parseSession('{not json', now)).toBeNull();
    expect(parseSession(JSON.stringify({ ...session, token: 42 }), now)).toBeNull();
  });

  it('reads a session signed in through OpenID with its identity, and refuses a malformed identity', () => {
    const identity = {
      userId: 'u-1',
      displayName: 'Priya Shah',
      organisationId: 'org-1',
      organisationName: 'Northshire',
      organisationKind: 'council',
      role: 'qa_officer',
    };
    const session = { sid: 'abc', token: null, identity, issuedAt: now - 1000 };
    expect(parseSession(JSON.stringify(session), now)).toEqual(session);
    expect(parseSession(JSON.stringify({ ...session, identity: { ...identity, extra: 'dropped' } }), now)).toEqual(session);
    expect(parseSession(JSON.stringify({ ...session, identity: { ...identity, role: 7 } }), now)).toBeNull();
    expect(parseSession(JSON.stringify({ ...session, identity: 'priya' }), now)).toBeNull();
  });

  it('ends after the absolute timeout', () => {
    const old = { sid: 'abc', token: null, issuedAt: now - MAX_AGE_MS - 1 };
    expect(parseSession(JSON.stringify(old), now)).toBeNull();
    expect(parseSession(JSON.stringify({ ...old, issuedAt: now - MAX_AGE_MS }), now)).not.toBeNull();
  });

  it('returns only to paths of the pages after sign-in', () => {
    expect(safeReturn('/app/concerns/1?asOf=2025-01-01')).toBe('/app/concerns/1?asOf=2025-01-01');
    expect(safeReturn('/app')).toBe('/app');
    for (const unsafe of ['//evil.example/app', 'https://evil.example/app', '/concerns/1', '/application', 42]) expect(safeReturn(unsafe)).toBeNull();
  });
});
