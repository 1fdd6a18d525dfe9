import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

// The architecture rules of eslint.config.mjs, shown on planted violations: each case is a file that
// does not exist, linted from memory by ESLint's Node API (lintText) under a path inside the tree, so
// the rule sees it where it would live. Clean twins show the rules refuse the violation, not the file.
const root = join(__dirname, '..', '..');

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
  const child = spawnSync(process.execPath, [join(__dirname, 'support', 'lint-texts.mjs')], { cwd: root, input: JSON.stringify(cases), encoding: 'utf8' });
  if (child.status !== 0) throw new Error(`eslint failed: ${child.stderr}`);
  return JSON.parse(child.stdout) as Message[][];
}

const architectureErrors = (messages: Message[]): string[] =>
  messages.filter((m) => m.ruleId === 'boundaries/dependencies' && m.severity === 2).map((m) => m.message);

const CASES: Array<{ name: string; planted: Planted; expected: RegExp | null }> = [
  {
    name: 'the domain importing Nest',
    planted: { filePath: 'libs/domain/src/planted.ts', text: "import { Injectable } from '@nestjs/common';\nexport const planted = Injectable;\n" },
    expected: /domain knows no transport and no storage/,
  },
  {
    name: 'the domain importing a database driver',
    planted: { filePath: 'libs/domain/src/planted.ts', text: "import { Pool } from 'pg';\nexport const planted = Pool;\n" },
    expected: /domain knows no transport and no storage/,
  },
  {
    name: 'the domain importing the read store',
    planted: {
      filePath: 'libs/domain/src/planted.ts',
      text: "import { openReadDatabase } from '@caretrail/read-store';\nexport const planted = openReadDatabase;\n",
    },
    expected: /domain knows no transport and no storage/,
  },
  {
    name: 'the SQLite adapter importing Express',
    planted: { filePath: 'libs/event-store/src/sqlite/planted.ts', text: "import express from 'express';\nexport const planted = express;\n" },
    expected: /adapters know no HTTP/,
  },
  {
    name: 'the timeline importing Nest',
    planted: { filePath: 'libs/timeline/src/planted.ts', text: "import { Module } from '@nestjs/common';\nexport const planted = Module;\n" },
    expected: /know no Nest/,
  },
  {
    name: 'the evidence library importing the SQLite adapter',
    planted: {
      filePath: 'libs/evidence/src/planted.ts',
      text: "import { SqliteEventStore } from '@caretrail/event-store/sqlite';\nexport const planted = SqliteEventStore;\n",
    },
    expected: /know no Nest and no storage/,
  },
  {
    name: 'the API reaching past the timeline library’s entry',
    planted: { filePath: 'apps/api/src/planted.ts', text: "import * as asOf from '../../../libs/timeline/src/replay/as-of';\nexport const planted = asOf;\n" },
    expected: /No area reaches into another's internals/,
  },
  {
    name: 'the CLI reaching into the API app',
    planted: { filePath: 'apps/cli/src/planted.ts', text: "import { AppModule } from '../../api/src/app.module';\nexport const planted = AppModule;\n" },
    expected: /An app never reaches into another app/,
  },
  {
    name: 'the projector reaching into the API app (it has no exception: the e-mail sender lives in @caretrail/notifications)',
    planted: { filePath: 'apps/projector/src/planted.ts', text: "import { AppModule } from '../../api/src/app.module';\nexport const planted = AppModule;\n" },
    expected: /An app never reaches into another app/,
  },
  {
    name: 'a library importing an app',
    planted: {
      filePath: 'libs/projections/src/planted.ts',
      text: "import { AppModule } from '../../../apps/api/src/app.module';\nexport const planted = AppModule;\n",
    },
    expected: /A library never imports an app/,
  },
  // Clean twins: the same places, importing what they may.
  {
    name: 'the domain importing nothing but itself',
    planted: {
      filePath: 'libs/domain/src/planted.ts',
      text: "import { DomainRuleError } from './shared/domain-error';\nexport const planted = DomainRuleError;\n",
    },
    expected: null,
  },
  {
    name: 'the evidence library importing the driver-free event-store core',
    planted: {
      filePath: 'libs/evidence/src/planted.ts',
      text: "import { canonicalJson } from '@caretrail/event-store';\nexport const planted = canonicalJson;\n",
    },
    expected: null,
  },
  {
    name: 'the API importing the timeline by its entry',
    planted: { filePath: 'apps/api/src/planted.ts', text: "import * as timeline from '@caretrail/timeline';\nexport const planted = timeline;\n" },
    expected: null,
  },
  {
    name: 'the configuration importing an adapter by its entry',
    planted: {
      filePath: 'libs/config/src/planted.ts',
      text: "import { PostgresEventStore } from '@caretrail/event-store/postgres';\nexport const planted = PostgresEventStore;\n",
    },
    expected: null,
  },
];

describe('architecture rules (eslint-plugin-boundaries)', () => {
  let results: Message[][];
  beforeAll(() => {
    results = lint(CASES.map((c) => c.planted));
  });

  it.each(CASES.map((c, i) => [c.name, i] as const))('%s', (_name, i) => {
    const errors = architectureErrors(results[i]);
    const expected = CASES[i].expected;
    if (expected === null) expect(errors).toEqual([]);
    else expect(errors).toEqual([expect.stringMatching(expected)]);
  });
});
