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
