export * from './command-executor';
export * from './recorded-to-domain';
export * from './stream-states';
export * from './reads';
export * from './import';
