import type { Identity } from './identity';

/** Turns a bearer token into the person it stands for, or undefined when it stands for nobody. */
export interface IdentityResolver {
  resolve(token: string): Promise<Identity | undefined>;
}
export const IDENTITY_RESOLVER = Symbol('IDENTITY_RESOLVER');
