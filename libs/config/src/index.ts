export * from './app-config';
export * from './store-factory';
