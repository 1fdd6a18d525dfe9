export * from './app-config';
export * from './store-factory';
export * from './notify-config';
