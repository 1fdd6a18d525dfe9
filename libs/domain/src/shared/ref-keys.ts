/**
 * Keys under which a decider reads records loaded for it when their number or presence depends on the
 * command (a contract's services, an optional contract): `service:<id>`, `contract:<id>`, `concern:<id>`.
 */
export type ServiceRefKey = `service:${string}`;
export type ContractRefKey = `contract:${string}`;
export type ConcernRefKey = `concern:${string}`;

export const serviceRefKey = (id: string): ServiceRefKey => `service:${id}`;
export const contractRefKey = (id: string): ContractRefKey => `contract:${id}`;
export const concernRefKey = (id: string): ConcernRefKey => `concern:${id}`;
