import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { CommandExecutor } from '@caretrail/application';
import { createEventStore, loadConfig } from '@caretrail/config';
import { DEMO_IDS, seedDemo, storyClock } from '@caretrail/demo';
import type { CouncilReport } from '@caretrail/reports';
import { runReport } from '../../apps/cli/src/commands/report.command';
import { verifyBundleFile } from '../../apps/cli/src/commands/verify-bundle.command';

/** `caretrail report` over a store seeded with the demo story, and `caretrail verify` on its signed bundle. */
describe('caretrail report (command line)', () => {
  let dir: string;
  let env: NodeJS.ProcessEnv;
  const messages: string[] = [];
  const io = { out: (t: string) => messages.push(t), err: (t: string) => messages.push(t) };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'caretrail-report-cli-'));
    env = {
      NODE_ENV: 'test',
      CARETRAIL_SEED_DEMO: 'false',
      CARETRAIL_STORE: 'sqlite',
      CARETRAIL_SQLITE_FILE: join(dir, 'caretrail.db'),
      CARETRAIL_SIGNING_KEY_FILE: join(dir, 'signing-key.pem'),
    };
    const clock = storyClock();
    const store = await createEventStore(loadConfig(env), clock.now);
    try {
      await seedDemo(new CommandExecutor(store), clock);
    } finally {
      await store.close();
    }
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('writes the report as JSON, as the spreadsheet, and as a signed bundle that verify accepts', async () => {
    const base = { council: DEMO_IDS.council, period: '2025' };
    await runReport({ ...base, format: 'json', out: join(dir, 'report.json') }, io, env);
    const report = JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')) as CouncilReport;
    expect(report.councilName).toBe('Northshire County Council');
    expect(messages.join('')).toMatch(/Report of Northshire County Council for 2025: \d+ services under contract/);

    await runReport({ ...base, format: 'xlsx', out: join(dir, 'report.xlsx') }, io, env);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(join(dir, 'report.xlsx'));
    expect(book.worksheets[0].getRow(1).getCell(1).value).toBe('Northshire County Council: report on commissioned services');

    await runReport({ ...base, asOf: '2025-03-31', basis: 'occurred', format: 'bundle', out: join(dir, 'bundle.json'), createKey: true }, io, env);
    expect(verifyBundleFile(join(dir, 'bundle.json'), {}, io).exitCode).toBe(0);
    await expect(runReport({ ...base, format: 'xlsx' }, io, env)).rejects.toThrow('--format xlsx needs --out');
    await expect(runReport({ council: '01900000-0000-7000-8000-00000000ffff', format: 'json' }, io, env)).rejects.toThrow(/No council/);
  });
});
