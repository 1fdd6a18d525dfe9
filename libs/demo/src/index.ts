export * from './demo-organisations';
export * from './demo-identities';
export * from './demo-story';
export * from './seed-demo';
