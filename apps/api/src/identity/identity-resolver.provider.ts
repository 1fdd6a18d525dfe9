import type { Provider } from '@nestjs/common';
import { AppConfig } from '@caretrail/config';
import { DemoIdentityResolver } from './demo-identity.resolver';
import { IDENTITY_RESOLVER } from './identity-resolver';
import { OidcIdentityResolver } from './oidc-identity.resolver';

/** Demo tokens only with CARETRAIL_AUTH=demo; otherwise only the OpenID provider's tokens. */
export const identityResolverProvider: Provider = {
  provide: IDENTITY_RESOLVER,
  inject: [AppConfig],
  useFactory: (config: AppConfig) => (config.CARETRAIL_AUTH === 'oidc' ? new OidcIdentityResolver(config) : new DemoIdentityResolver()),
};
