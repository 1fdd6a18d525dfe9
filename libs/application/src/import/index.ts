export * from './dry-run-store';
export * from './history-import';
export * from './history-rows';
