export * from './read-record.query';
export * from './record-kinds';
export * from './resolve-scope.query';
export * from './read-timeline.query';
export * from './read-measures.query';
export * from './record-name.query';
export * from './read-freshness';
export * from './scope-kind';
