import type { ErrorBody } from '../../errors/http-error.filter';
import type { Identity } from '../../identity/identity';
import { humanise } from '../rendering/nunjucks-environment';

export interface ErrorPage {
  title: string;
  /** Plain sentences, each its own paragraph. */
  paragraphs: string[];
}

/** A role and organisation as a person says them: "a read-only auditor at Care Quality Commission". */
function whoYouAre(who: Identity): string {
  const role = who.role === 'auditor' ? 'read-only auditor' : humanise(who.role).toLowerCase();
  const article = /^[aeiou]/.test(role) ? 'an' : 'a';
  return who.organisationKind === 'admin' ? 'the CareTrail administrator' : `${article} ${role} at ${who.organisationName}`;
}

/** A 400 names what is wrong in the address or the answers; technical field names are said plainly. */
function badRequest(body: ErrorBody): string[] {
  const fields = body.fields ?? [];
  const said = fields.flatMap((f) => f.messages).map((m) => m.replace(/^asOf\b/, 'The date').replace(/\bYYYY-MM-DD\b/, 'a date like 2025-03-27'));
  if (/uuid is expected/i.test(body.message))
    return ['The web address names a record with an id that is not in the right form. Check you copied the whole address.'];
  if (said.length > 0) return said.map((s) => `${s.charAt(0).toUpperCase()}${s.slice(1)}.`.replace(/\.\.$/, '.'));
  return [body.message.replace(/^Invalid request: /, '')];
}

/**
 * The GOV.UK pages for errors, in plain English: what happened and what the person can do next. A
 * refusal says who the person is signed in as and that their role cannot do this, never the policy's
 * technical words ("A auditor of a regulator may not GET ..."); a page not found does not say whether
 * the record exists, since strangers to a record are told it is not there.
 */
export function errorPage(body: ErrorBody, who: Identity | undefined, method: string): ErrorPage {
  switch (body.statusCode) {
    case 400:
      return { title: 'There is a problem with this page', paragraphs: badRequest(body) };
    case 403:
      if (!who) return { title: 'You cannot do this', paragraphs: [body.message] };
      if (body.rule === 'access-policy' || body.rule === 'access-policy-missing') {
        return {
          title: method === 'GET' ? 'You cannot see this page' : 'You cannot record this',
          paragraphs: [
            `You are signed in as ${whoYouAre(who)}, and ${method === 'GET' ? 'this page is not open to your role' : 'your role cannot record this'}.`,
            'If you think you should be able to, ask the person who manages CareTrail accounts in your organisation.',
          ],
        };
      }
      // A rule of the record (a provider's overview not its own, a CSRF token from an old tab) says itself.
      return { title: 'You cannot do this', paragraphs: [body.message, `You are signed in as ${whoYouAre(who)}.`] };
    case 404:
      return {
        title: 'Page not found',
        paragraphs: [
          'If you typed the web address, check it is correct.',
          'If you pasted the web address, check you copied the entire address.',
          'If the address is right, the record it names is not there, or is not one you can see.',
        ],
      };
    case 409:
      return { title: 'This record has changed', paragraphs: [body.message] };
    case 422:
      return { title: 'This cannot be done', paragraphs: [body.message] };
    default:
      return body.statusCode >= 500
        ? { title: 'Sorry, there is a problem with the service', paragraphs: ['Try again later.'] }
        : { title: 'There is a problem', paragraphs: [body.message] };
  }
}
