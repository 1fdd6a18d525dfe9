// @ts-check
// The lint gate (`npm run lint`, run by .ci/run): typescript-eslint's recommended rules, and the
// architecture of CareTrail as eslint-plugin-boundaries policies. docs/contributing.md explains each
// rule and what to do when one fails; test/lint/architecture-rules.e2e.ts plants violations and
// shows them refused.
import js from '@eslint/js';
import boundaries from 'eslint-plugin-boundaries';
import tseslint from 'typescript-eslint';

/** Transport: anything that speaks HTTP or is the Nest application framework. */
const TRANSPORT = [
  '@nestjs/*',
  'express',
  'http',
  'https',
  'node:http',
  'node:https',
  'http2',
  'node:http2',
  'supertest',
  'helmet',
  'cookie-parser',
  'csrf-csrf',
  'pino-http',
  'openid-client',
  'jose',
];
/** Storage: database drivers and query builders. */
const STORAGE = ['pg', 'better-sqlite3', '@eventstore/*', 'kysely'];
/** The libraries that own storage. */
const STORAGE_LIBS = ['event-store', 'read-store', 'projections', 'config'];

/** An external package, as a boundaries selector. */
const external = (/** @type {string[]} */ sources) => sources.map((source) => ({ module: { origin: ['external', 'core'], source } }));
/** A library of libs/, by name. */
const READ_PATH =
  'Controllers and page readers read through the QueryBus (apps/api/src/queries: ReadRecordQuery, ResolveScopeQuery, ...), never the store, RecordReader or the executor directly';
/** The one default basis (issue 11): `basis ?? 'recorded'` is written once, in @caretrail/timeline. */
const BASIS_DEFAULT = {
  selector: "LogicalExpression[operator='??'][right.type='Literal'][right.value='recorded']",
  message:
    "Default a basis with basisOrDefault(basis) or basisOf(asOf, basis) from @caretrail/timeline, never `?? 'recorded'`: one place decides what a date with no basis means",
};

const lib = (/** @type {string | string[]} */ name) => ({ element: { type: 'lib', captured: { lib: name } } });

export default tseslint.config(
  {
    ignores: ['dist/**', 'node_modules/**', 'coverage/**', 'test/bench/peers/**', '**/*.js', '**/*.cjs', '**/*.mjs'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    linterOptions: { reportUnusedDisableDirectives: 'warn' },
    rules: {
      // House style: a leading underscore marks what is unused on purpose (`{ _csrf, ...body }`).
      '@typescript-eslint/no-unused-vars': [
        'warn',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
      // Reported, not failing, until the few spots on today's tree are fixed by their owners (docs/contributing.md).
      'preserve-caught-error': 'warn',
      'no-control-regex': 'warn',
      'no-useless-escape': 'warn',
      'no-case-declarations': 'warn',
      '@typescript-eslint/no-explicit-any': 'warn',
      // Dead or unchanged values: reported, never failing the gate.
      'no-useless-assignment': 'warn',
      'prefer-const': 'warn',
    },
  },
  {
    files: ['test/**/*.ts', '**/*.spec.ts'],
    rules: {
      // Tests load worker and bench helpers the CommonJS way on purpose.
      '@typescript-eslint/no-require-imports': 'off',
    },
  },
  // ---- Architecture -------------------------------------------------------------------------------
  {
    files: ['apps/**/*.ts', 'libs/**/*.ts'],
    // Tests and the libraries' testing helpers are exempt: they may reach into what they test.
    ignores: ['**/*.spec.ts', '**/testing/**'],
    plugins: { boundaries },
    settings: {
      'import/resolver': { typescript: { project: './tsconfig.json', alwaysTryTypes: true } },
      'boundaries/include': ['apps/**/*.ts', 'libs/**/*.ts'],
      'boundaries/elements': [
        // The event store's adapters, each with its own entry (src/<adapter>/index.ts).
        { type: 'store-adapter', pattern: 'libs/event-store/src/(sqlite|postgres|eventstoredb)', capture: ['adapter'] },
        { type: 'lib', pattern: 'libs/*', capture: ['lib'] },
        { type: 'app', pattern: 'apps/*', capture: ['app'] },
      ],
    },
    rules: {
      'boundaries/dependencies': [
        'error',
        {
          default: 'allow',
          checkAllOrigins: true,
          policies: [
            {
              from: lib('domain'),
              disallow: {
                to: [...external(TRANSPORT), ...external(STORAGE), lib(STORAGE_LIBS), lib('application'), { element: { type: ['store-adapter', 'app'] } }],
              },
              message: 'The domain knows no transport and no storage: libs/domain imports neither Nest/HTTP nor a driver nor a storage library.',
            },
            {
              from: [{ element: { type: 'store-adapter' } }, lib(['event-store', 'read-store'])],
              disallow: { to: [...external(TRANSPORT), { element: { type: 'app' } }] },
              message: 'Storage adapters know no HTTP: the event store and read store import neither Nest nor an HTTP library nor an app.',
            },
            {
              from: lib(['timeline', 'evidence', 'reports']),
              disallow: {
                to: [
                  ...external(['@nestjs/*']),
                  ...external(STORAGE),
                  lib(['read-store', 'projections', 'config', 'application']),
                  { element: { type: ['store-adapter', 'app'] } },
                ],
              },
              message:
                'The timeline, evidence and reports libraries know no Nest and no storage (the driver-free @caretrail/event-store core only): they stay pure, so the offline verifier and replays run anywhere.',
            },
            {
              from: { element: { type: 'lib' } },
              disallow: { to: { element: { type: 'app' } } },
              message: 'A library never imports an app.',
            },
            {
              from: { element: { type: 'app' } },
              disallow: { to: { element: { type: 'app', captured: { app: '!{{ from.element.captured.app }}' } } } },
              message: 'An app never reaches into another app: share the code through a library in libs/.',
            },
            {
              disallow: {
                to: [{ element: { type: 'lib', fileInternalPath: '!src/index.ts' } }, { element: { type: 'store-adapter', fileInternalPath: '!index.ts' } }],
              },
              message:
                "No area reaches into another's internals: import a library by its entry (@caretrail/<lib>, @caretrail/event-store/<adapter>), never a file behind it.",
            },
            // Last matching policy wins: the event store's adapters build on their own library's core, and the
            // core classifies PostgreSQL errors by code alone (postgres-errors.ts and postgres-schema.ts load no driver).
            { from: { element: { type: 'store-adapter' } }, allow: { to: lib('event-store') } },
            {
              from: lib('event-store'),
              allow: {
                to: { element: { type: 'store-adapter', captured: { adapter: 'postgres' }, fileInternalPath: ['postgres-errors.ts', 'postgres-schema.ts'] } },
              },
            },
          ],
        },
      ],
    },
  },
  // ---- The one default basis (issue 11) -------------------------------------------------------------
  // The read-path block below repeats BASIS_DEFAULT: a later block's options for a rule replace these.
  {
    files: ['apps/**/*.ts', 'libs/**/*.ts'],
    ignores: ['libs/timeline/src/replay/read-point.ts'],
    rules: { 'no-restricted-syntax': ['error', BASIS_DEFAULT] },
  },
  // ---- The read path (issue 11) ---------------------------------------------------------------------
  // Controllers and page readers read through the QueryBus (apps/api/src/queries): the handlers are the
  // one place for chain verification, as-of and basis, the read policy and the read audit.
  {
    files: [
      'apps/api/src/resources/**/*.ts',
      'apps/api/src/reads/**/*.ts',
      'apps/api/src/web/read/**/*.ts',
      'apps/api/src/web/pages/**/*.ts',
      'apps/api/src/**/*.controller.ts',
    ],
    // No exceptions: every controller and page reader reads through the QueryBus (the RecordReader shim is gone).
    ignores: ['**/*.spec.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: '@caretrail/application', importNames: ['CommandExecutor', 'readRecord'], message: READ_PATH },
            { name: '@caretrail/event-store', importNames: ['verifyChain'], message: READ_PATH },
          ],
          patterns: [{ group: ['**/record-reader', '**/record-reader.ts'], message: READ_PATH }],
        },
      ],
      'no-restricted-syntax': [
        'error',
        // A store's or an executor's reads of events and states (the feed's head, for waiting on read models, is no record read).
        {
          selector: 'CallExpression[callee.property.name=/^(readStream|readAll|subscribe|readSnapshot|streamHead|loadStream|loadState|readVerifiedStream)$/]',
          message: READ_PATH,
        },
        BASIS_DEFAULT,
      ],
    },
  },
);
