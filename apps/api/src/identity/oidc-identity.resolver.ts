import { ServiceUnavailableException, UnauthorizedException } from '@nestjs/common';
import { createRemoteJWKSet, errors, jwtVerify, type JWTPayload } from 'jose';
import type { AppConfig } from '@caretrail/config';
import type { Identity } from './identity';
import type { IdentityResolver } from './identity-resolver';
import { IdentityClaimsMissing, identityFromClaims } from './oidc-claims';

const ALGORITHMS = ['RS256', 'PS256', 'ES256', 'ES384', 'EdDSA'];

/**
 * Bearer JWTs from the configured OpenID provider: signature against its JWKS (found by discovery,
 * cached, refetched when a token names a key id not yet seen, so rotation needs no restart), then
 * issuer, audience and expiry. Organisation, its kind and the role come from configurable claims.
 */
export class OidcIdentityResolver implements IdentityResolver {
  private keys: Promise<ReturnType<typeof createRemoteJWKSet>> | undefined;

  constructor(private readonly config: AppConfig) {}

  async resolve(token: string): Promise<Identity | undefined> {
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, await this.jwks(), {
        issuer: this.config.CARETRAIL_OIDC_ISSUER,
        audience: this.config.CARETRAIL_OIDC_AUDIENCE,
        algorithms: ALGORITHMS,
        requiredClaims: ['exp', 'sub'],
        clockTolerance: 30,
      }));
    } catch (error) {
      if (
        error instanceof errors.JWKSTimeout ||
        (error instanceof Error && /fetch|ECONNREFUSED|network/i.test(error.message) && !(error instanceof errors.JOSEError))
      ) {
        throw new ServiceUnavailableException('The identity provider cannot be reached; try again shortly');
      }
      if (error instanceof errors.JWTExpired) throw new UnauthorizedException('The bearer token has expired');
      return undefined; // any other failure: not a token this service accepts (never say which check failed)
    }
    return this.identityFrom(payload);
  }

  private identityFrom(claims: JWTPayload): Identity {
    try {
      return identityFromClaims(claims, this.config);
    } catch (error) {
      if (error instanceof IdentityClaimsMissing) throw new UnauthorizedException(`The bearer token ${error.message}`);
      throw error;
    }
  }

  /** Discovery once (retried after a failure); jose's key set caches and handles rotation. */
  private jwks(): Promise<ReturnType<typeof createRemoteJWKSet>> {
    this.keys ??= this.discover().catch((error: unknown) => {
      this.keys = undefined;
      throw error;
    });
    return this.keys;
  }

  private async discover(): Promise<ReturnType<typeof createRemoteJWKSet>> {
    const issuer = this.config.CARETRAIL_OIDC_ISSUER!.replace(/\/$/, '');
    let jwksUri: string;
    try {
      const res = await fetch(`${issuer}/.well-known/openid-configuration`, { signal: AbortSignal.timeout(5000) });
      if (!res.ok) throw new Error(`discovery answered ${res.status}`);
      jwksUri = ((await res.json()) as { jwks_uri?: string }).jwks_uri ?? '';
      if (!jwksUri) throw new Error('discovery names no jwks_uri');
    } catch (error) {
      throw new ServiceUnavailableException(`The identity provider cannot be reached; try again shortly`, { cause: error });
    }
    return createRemoteJWKSet(new URL(jwksUri), {
      cacheMaxAge: this.config.CARETRAIL_OIDC_JWKS_CACHE_MS,
      cooldownDuration: this.config.CARETRAIL_OIDC_JWKS_COOLDOWN_MS,
      timeoutDuration: 5000,
    });
  }
}
