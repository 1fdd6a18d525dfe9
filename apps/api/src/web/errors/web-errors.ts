/** The page needs a signed-in person: the filter sends the browser to the sign-in page. */
export class SignInRequired extends Error {
  override readonly name = 'SignInRequired';
  constructor(readonly returnTo: string) {
    super('Sign in to continue');
  }
}

/** A form came back without this session's CSRF token (an old tab, or another site posting). */
export class CsrfRejected extends Error {
  override readonly name = 'CsrfRejected';
  constructor() {
    super('This form has expired. Go back, reload the page and try again.');
  }
}

/**
 * Sign-in through the OpenID provider did not complete (refused consent, a stale or forged return,
 * a used code, the provider unreachable): shown as a page that says what happened and offers a retry.
 */
export class SignInFailed extends Error {
  override readonly name = 'SignInFailed';
  constructor(
    readonly statusCode: 400 | 403 | 404 | 502 | 503,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
