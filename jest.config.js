// Nest 12 ships only ES modules; @swc/jest turns them (and our TypeScript) into CommonJS for jest.
const swc = JSON.parse(require('fs').readFileSync(__dirname + '/.swcrc', 'utf8'));
delete swc.$schema;
delete swc.exclude; // the build skips tests; jest must not
swc.jsc.baseUrl = __dirname;
swc.sourceMaps = 'inline';

/** @type {import('jest').Config} */
module.exports = {
  rootDir: __dirname,
  testEnvironment: 'node',
  // class-validator keeps its metadata on the global scope; jest must not clear it between files.
  testEnvironmentOptions: { globalsCleanup: 'off' },
  // Shared, noisy machines: generous limits for end-to-end hooks; no test asserts on speed.
  testTimeout: 60_000,
  // The reliability tests spawn the built API: compile dist/ from this checkout first (a few seconds).
  globalSetup: '<rootDir>/test/support/compile-dist.js',
  // A file that leaves process.exitCode set fails by name instead of failing the whole run silently.
  setupFilesAfterEnv: ['<rootDir>/test/support/exit-code-guard.ts'],
  // PostgreSQL suites share one cluster, and the gap-safe feed stops below the cluster's oldest open
  // write transaction (the contract suite holds one open on purpose): run files one at a time there.
  maxWorkers: process.env.CARETRAIL_TEST_PG_URL ? 1 : '50%',
  roots: ['<rootDir>/apps', '<rootDir>/libs', '<rootDir>/test'],
  testMatch: ['**/*.spec.ts', '**/*.e2e.ts', '**/*.contract.ts', '**/*.scenario.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/', '/test/bench/'],
  transform: { '^.+\\.(t|j|mj)s$': ['@swc/jest', { ...swc, swcrc: false }] },
  transformIgnorePatterns: ['/node_modules/(?!(@nestjs|uuid|canonicalize|jose|oidc-provider|openid-client|oauth4webapi)/)'],
  moduleNameMapper: {
    // The event store's adapters have entries of their own (the core loads no driver).
    '^@caretrail/event-store/(sqlite|postgres|eventstoredb)$': '<rootDir>/libs/event-store/src/$1/index.ts',
    // The timeline library's test histories have an entry of their own, for tests only.
    '^@caretrail/timeline/testing$': '<rootDir>/libs/timeline/src/testing/index.ts',
    '^@caretrail/([a-z-]+)$': '<rootDir>/libs/$1/src/index.ts',
  },
};
