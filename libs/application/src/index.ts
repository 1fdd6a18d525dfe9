export * from './command-executor';
export * from './recorded-to-domain';
