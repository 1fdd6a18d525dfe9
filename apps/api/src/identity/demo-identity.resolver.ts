import { demoIdentityByToken } from '@caretrail/demo';
import type { Identity } from './identity';
import type { IdentityResolver } from './identity-resolver';

/** The demo tokens (CARETRAIL_AUTH=demo only; configuration refuses demo in production). */
export class DemoIdentityResolver implements IdentityResolver {
  async resolve(token: string): Promise<Identity | undefined> {
    const found = demoIdentityByToken(token);
    if (!found) return undefined;
    const { token: _token, description: _description, ...identity } = found;
    return identity;
  }
}
