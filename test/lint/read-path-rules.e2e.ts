import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

// The read path's rule of eslint.config.mjs (issue 11): controllers and page readers read through the
// QueryBus, never the store, RecordReader (the deleted shim) or the executor directly; and the one default
// basis: `basis ?? 'recorded'` only in @caretrail/timeline's basisOrDefault. Planted violations are linted
// from memory (ESLint's lintText under a path in the tree, nothing written to disk), beside a clean twin;
// then every controller and page reader on the tree is linted and none reads another way, with no file
// left out of the rule as a known exception.
const root = join(__dirname, '..', '..');
const READ_PATH_RULES = ['no-restricted-imports', 'no-restricted-syntax'];

interface Message {
  ruleId: string | null;
  message: string;
  severity: number;
}

interface Planted {
  filePath: string;
  text: string;
}

function lint(cases: Planted[]): Message[][] {
  const child = spawnSync(process.execPath, [join(__dirname, 'support', 'lint-texts.mjs')], {
    cwd: root,
    input: JSON.stringify(cases),
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (child.status !== 0) throw new Error(`eslint failed: ${child.stderr}`);
  return JSON.parse(child.stdout) as Message[][];
}

const readPathErrors = (messages: Message[]): string[] =>
  messages.filter((m) => READ_PATH_RULES.includes(m.ruleId ?? '') && m.severity === 2).map((m) => m.message);

const QUERY_BUS = /read through the QueryBus/;
const ONE_BASIS = /basisOrDefault\(basis\)/;

const CASES: Array<{ name: string; planted: Planted; refused: boolean; says?: RegExp }> = [
  {
    name: 'a resource controller reading through RecordReader',
    planted: {
      filePath: 'apps/api/src/resources/concerns/planted.controller.ts',
      text: "import { RecordReader } from '../shared/record-reader';\nexport class Planted {\n  constructor(private readonly records: RecordReader) {}\n}\n",
    },
    refused: true,
  },
  {
    name: 'a page reader reading the store without the query (store.readStream)',
    planted: {
      filePath: 'apps/api/src/web/read/planted.reader.ts',
      text: "import type { EventStore } from '@caretrail/event-store';\nexport const planted = (store: EventStore, id: string) => store.readStream(`concern-${id}`);\n",
    },
    refused: true,
  },
  {
    name: 'a read controller folding a stream from the executor (CommandExecutor.loadStream)',
    planted: {
      filePath: 'apps/api/src/reads/planted.controller.ts',
      text: "import { CommandExecutor } from '@caretrail/application';\nexport const planted = (executor: CommandExecutor) => executor.loadStream('concern-1');\n",
    },
    refused: true,
  },
  {
    name: 'a page controller checking a chain itself',
    planted: {
      filePath: 'apps/api/src/web/pages/planted.controller.ts',
      text: "import { verifyChain } from '@caretrail/event-store';\nexport const planted = verifyChain;\n",
    },
    refused: true,
  },
  {
    name: 'the clean twin: a controller sending ReadRecordQuery on the QueryBus',
    planted: {
      filePath: 'apps/api/src/resources/concerns/planted.controller.ts',
      text:
        "import { QueryBus } from '@nestjs/cqrs';\nimport type { Identity } from '../../identity/identity';\nimport { ReadRecordQuery } from '../../queries/read-record.query';\n" +
        "export const planted = (queries: QueryBus, who: Identity, id: string) => queries.execute(ReadRecordQuery.by(who, 'concern', id, { audit: 'read' }));\n",
    },
    refused: false,
  },
  {
    name: 'the clean twin: a query handler reading the record (the one place that may)',
    planted: {
      filePath: 'apps/api/src/queries/planted.handler.ts',
      text: "import { CommandExecutor } from '@caretrail/application';\nexport const planted = (executor: CommandExecutor) => executor.loadStream('concern-1');\n",
    },
    refused: false,
  },
  {
    name: "a report defaulting a basis itself (basis ?? 'recorded')",
    planted: {
      filePath: 'libs/reports/src/planted.ts',
      text: "import type { ReplayBasis } from '@caretrail/timeline';\nexport const planted = (basis?: ReplayBasis) => basis ?? 'recorded';\n",
    },
    refused: true,
    says: ONE_BASIS,
  },
  {
    name: "a page controller defaulting a basis itself (basis ?? 'recorded')",
    planted: {
      filePath: 'apps/api/src/web/pages/planted.controller.ts',
      text: "export const planted = (asOf: string | null, basis?: 'recorded' | 'occurred') => (asOf ? (basis ?? 'recorded') : null);\n",
    },
    refused: true,
    says: ONE_BASIS,
  },
  {
    name: 'the clean twin: defaulting a basis with basisOf from @caretrail/timeline',
    planted: {
      filePath: 'apps/api/src/web/pages/planted.controller.ts',
      text: "import { basisOf, type ReplayBasis } from '@caretrail/timeline';\nexport const planted = (asOf: string | null, basis?: ReplayBasis) => basisOf(asOf, basis);\n",
    },
    refused: false,
  },
];

/** Every controller and page reader of the API on the tree (the files the rule covers). */
function readPathFiles(): string[] {
  const walk = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((entry) => (entry.isDirectory() ? walk(join(dir, entry.name)) : [join(dir, entry.name)]));
  const api = join(root, 'apps', 'api', 'src');
  return walk(api)
    .map((file) => relative(root, file))
    .filter((file) => file.endsWith('.ts') && !file.endsWith('.spec.ts'))
    .filter((file) => /^apps\/api\/src\/(resources|reads|web\/read|web\/pages)\//.test(file) || file.endsWith('.controller.ts'));
}

describe('the read path rule (controllers and page readers read through the QueryBus)', () => {
  let planted: Message[][];
  let tree: { file: string; errors: string[] }[];
  beforeAll(() => {
    const files = readPathFiles();
    const results = lint([...CASES.map((c) => c.planted), ...files.map((file) => ({ filePath: file, text: readFileSync(join(root, file), 'utf8') }))]);
    planted = results.slice(0, CASES.length);
    tree = files.map((file, i) => ({ file, errors: readPathErrors(results[CASES.length + i]) }));
  });

  it.each(CASES.map((c, i) => [c.name, i] as const))('%s', (_name, i) => {
    const errors = readPathErrors(planted[i]);
    if (!CASES[i].refused) return expect(errors).toEqual([]);
    expect(errors.length).toBeGreaterThan(0);
    for (const error of errors) expect(error).toMatch(CASES[i].says ?? QUERY_BUS);
  });

  it('leaves no file out of the read path rule as a known exception', () => {
    const config = readFileSync(join(root, 'eslint.config.mjs'), 'utf8');
    expect(config).not.toMatch(/Known exceptions/i);
    expect(config).not.toMatch(/apps\/api\/src\/web\/pages\/[a-z-]+\.controller\.ts/);
  });

  it("writes `?? 'recorded'` in one file of apps and libs only (@caretrail/timeline's basisOrDefault)", () => {
    const walk = (dir: string): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
        entry.name === 'node_modules' || entry.name === 'dist' ? [] : entry.isDirectory() ? walk(join(dir, entry.name)) : [join(dir, entry.name)],
      );
    const defaulting = [...walk(join(root, 'apps')), ...walk(join(root, 'libs'))]
      .filter((file) => file.endsWith('.ts') && /\?\?\s*'recorded'/.test(readFileSync(file, 'utf8')))
      .map((file) => relative(root, file));
    expect(defaulting).toEqual(['libs/timeline/src/replay/read-point.ts']);
  });

  it('no controller or page reader on the tree reads the store, RecordReader or the executor directly', () => {
    expect(tree.length).toBeGreaterThan(20);
    expect(tree.filter((t) => t.errors.length > 0)).toEqual([]);
  });
});
