export * from './read-point';
export * from './record-read';
export * from './scope-reads';
