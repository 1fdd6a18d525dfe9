import { readSignInTransaction, SIGN_IN_COOKIE, SIGN_IN_MAX_AGE_MS, type SignInTransaction } from './sign-in-transaction';
import type { WebRequest } from './web-session';

describe('the OpenID sign-in cookie', () => {
  const now = Date.parse('2026-01-01T12:00:00Z');
  const transaction: SignInTransaction = {
    state: 's'.repeat(43),
    nonce: 'n'.repeat(43),
    codeVerifier: 'v'.repeat(43),
    returnTo: '/app/concerns/1',
    startedAt: now - 1000,
  };
  const request = (value: unknown) => ({ signedCookies: { [SIGN_IN_COOKIE]: value } }) as unknown as WebRequest;

  it('reads a well-formed transaction', () => {
    expect(readSignInTransaction(request(JSON.stringify(transaction)), now)).toEqual(transaction);
    expect(readSignInTransaction(request(JSON.stringify({ ...transaction, returnTo: null })), now)).toEqual({ ...transaction, returnTo: null });
  });

  it('refuses a missing, tampered (bad signature), malformed, too old or future-dated one', () => {
    expect(readSignInTransaction({ signedCookies: {} } as unknown as WebRequest, now)).toBeNull();
    expect(readSignInTransaction(request(false), now)).toBeNull(); // cookie-parser gives false for a bad signature
    expect(readSignInTransaction(request('{not json'), now)).toBeNull();
    expect(readSignInTransaction(request(JSON.stringify({ ...transaction, codeVerifier: '' })), now)).toBeNull();
    expect(readSignInTransaction(request(JSON.stringify({ ...transaction, nonce: undefined })), now)).toBeNull();
    expect(readSignInTransaction(request(JSON.stringify({ ...transaction, returnTo: 5 })), now)).toBeNull();
    expect(readSignInTransaction(request(JSON.stringify({ ...transaction, startedAt: now - SIGN_IN_MAX_AGE_MS - 1 })), now)).toBeNull();
    expect(readSignInTransaction(request(JSON.stringify({ ...transaction, startedAt: now + 3_600_000 })), now)).toBeNull();
  });
});
