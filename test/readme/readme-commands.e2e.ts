import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { commandsOf, fencesOf, missingShownLine, type Fence, type ReadmeCommand } from './readme-markdown';

/**
 * README.md's commands, taken from README.md itself and run as written, in a temp folder that is a
 * checkout to the commands (package.json, sources, docs and node_modules linked in; its own ./data and
 * dist): `npm start` as the quick start says (a new SQLite store under ./data with the demo story and
 * a new signing key), then, in one bash, the sections below, line by line, as a reader pastes them.
 * Each command must exit as its comment says (`# exit N`, else 0) and print what that comment quotes;
 * a ```text block after a block shows what the block's last command prints (`…` elides).
 *
 * What the harness changes, and only this: the port (a free one, for http://localhost:3000), no
 * `npm ci` (node_modules are linked), and `curl` fails on an HTTP error status (--fail-with-body) so
 * that an error answer cannot pass for a bundle.
 */
const ROOT = resolve(__dirname, '..', '..');
const README = readFileSync(join(ROOT, 'README.md'), 'utf8');
const FENCES = fencesOf(README);

/** The sections run, in README order, in whole (the walk-through's dates are taken relative to today). */
const RUN: { section: string; only?: 'assignments' }[] = [
  { section: "A concern's life, with curl" },
  { section: 'Timelines, measures and replay' },
  { section: 'Evidence bundles, verified offline' },
  { section: 'Command line' },
];

const shellFences = (section: string): Fence[] => FENCES.filter((f) => f.section === section && f.lang === 'sh');

function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => done(port));
    });
  });
}

/** A reader's shell environment: no CareTrail settings, no npm variables from whoever runs jest. */
function readerEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME, LANG: process.env.LANG ?? 'C.UTF-8' };
  if (process.env.TMPDIR) env.TMPDIR = process.env.TMPDIR;
  return { ...env, ...extra };
}

function run(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<{ code: number; output: string }> {
  return new Promise((done, fail) => {
    const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.once('error', fail);
    child.once('close', (code) => done({ code: code ?? -1, output }));
  });
}

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

describe("README's commands, run as written", () => {
  let dir: string;
  let port: number;
  let service: ChildProcess | undefined;
  let serviceLog = '';
  let serviceExited = false;
  const ran = new Map<number, { exit: number; output: string }>();
  const commands: { command: ReadmeCommand; section: string }[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'caretrail-readme-'));
    const tools = await run('bash', ['-c', 'for t in npm curl jq; do command -v $t >/dev/null || echo "$t"; done'], dir, readerEnv());
    if (tools.output.trim() !== '') throw new Error(`The README's commands need ${tools.output.trim().split('\n').join(', ')}: install it to run this test`);
    for (const name of ['package.json', '.swcrc', 'apps', 'libs', 'docs', 'node_modules']) symlinkSync(join(ROOT, name), join(dir, name));
    port = await freePort();

    // The quick start: `npm ci && npm start`, without `npm ci`.
    const quickStart = commandsOf(shellFences('Quick start')[0]).find((c) => /\bnpm start\b/.test(c.text));
    expect(quickStart?.text).toMatch(/^npm ci && npm start\b/);
    const start = quickStart!.text
      .replace(/#.*$/, '')
      .split('&&')
      .map((part) => part.trim())
      .filter((part) => part !== 'npm ci');
    expect(start).toEqual(['npm start']);
    service = spawn('bash', ['-c', start.join(' && ')], {
      cwd: dir,
      env: readerEnv({ PORT: String(port) }),
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    service.stdout!.on('data', (chunk: Buffer) => (serviceLog += chunk.toString('utf8')));
    service.stderr!.on('data', (chunk: Buffer) => (serviceLog += chunk.toString('utf8')));
    service.once('exit', () => (serviceExited = true));
    // Up, seeded, and its read models caught up with the story.
    for (;;) {
      if (serviceExited) throw new Error(`npm start stopped:\n${serviceLog}`);
      const health = await fetch(`http://127.0.0.1:${port}/health`)
        .then((r) => r.json() as Promise<{ headPosition: number; projections: { lagPositions: number }[] }>)
        .catch(() => null);
      if (health && health.headPosition > 0 && health.projections.every((p) => p.lagPositions === 0)) break;
      await sleep(250);
    }
    expect(serviceLog).toContain(`CareTrail is running on sqlite at http://localhost:${port}`);

    // The sections' commands in one bash, each between markers carrying its README line and exit code.
    const script = ['set -o pipefail', 'exec 2>&1', 'curl() { command curl --fail-with-body "$@"; }'];
    for (const { section, only } of RUN) {
      const fences = shellFences(section);
      expect(fences.length).toBeGreaterThan(0);
      for (const fence of fences) {
        for (const command of commandsOf(fence)) {
          if (only === 'assignments' && !/^[A-Z_][A-Z0-9_]*=[^$(]*$/.test(command.text.replace(/\s+#.*$/, ''))) continue;
          commands.push({ command, section });
          script.push(
            `printf '\\n::readme-line %d\\n' ${command.line}`,
            command.text.replaceAll('localhost:3000', `localhost:${port}`),
            `printf '\\n::readme-exit %d %d\\n' ${command.line} $?`,
          );
        }
      }
    }
    expect(README).toContain('API=http://localhost:3000');
    writeFileSync(join(dir, 'readme-commands.sh'), script.join('\n') + '\n');
    const { output } = await run('bash', ['readme-commands.sh'], dir, readerEnv());
    for (const part of output.split('\n::readme-line ').slice(1)) {
      const line = Number(part.slice(0, part.indexOf('\n')));
      const exit = /\n::readme-exit (\d+) (\d+)\n?$/.exec(part.trimEnd() + '\n');
      ran.set(line, { exit: exit ? Number(exit[2]) : -1, output: part.slice(part.indexOf('\n') + 1, exit ? exit.index : undefined) });
    }
  }, 300_000);

  afterAll(async () => {
    if (service?.pid && !serviceExited) {
      process.kill(-service.pid, 'SIGTERM');
      while (!serviceExited) await sleep(100);
    }
    if (dir) rmSync(dir, { recursive: true, force: true });
  }, 60_000);

  it('runs the sections it names, and the evidence and command-line sections in whole', () => {
    const sections = new Set(commands.map((c) => c.section));
    expect([...sections]).toEqual(RUN.map((r) => r.section));
    expect(commands.filter((c) => c.section === 'Evidence bundles, verified offline').map((c) => c.command.line)).toEqual(
      shellFences('Evidence bundles, verified offline').flatMap((f) => commandsOf(f).map((c) => c.line)),
    );
  });

  it('every command exits as its comment says (0 unless it says otherwise) and prints what it quotes', () => {
    const outcomes = commands.map(({ command }) => {
      const got = ran.get(command.line);
      return { line: command.line, command: command.text, exit: got?.exit, says: command.says.filter((s) => !got?.output.includes(s)), output: got?.output };
    });
    const wrong = outcomes.filter((o, i) => o.exit !== commands[i].command.exit || o.says.length > 0);
    expect(wrong).toEqual([]);
    // What the evidence section is about: a bundle verifies, and the tampered one does not.
    const verifies = commands.filter(({ command }) => /\bcli -- verify \S+\.json\b/.test(command.text));
    expect(verifies.map(({ command }) => command.exit)).toEqual([0, 1, 0]);
    expect(ran.get(verifies[0].command.line)!.output).toMatch(/: VERIFIED and signed by the trusted key/);
    expect(ran.get(verifies[1].command.line)!.output).toMatch(/: FAILED, \d+ problems/);
  });

  it('what a ```text block shows is what its block’s last command printed', () => {
    let checked = 0;
    for (const { section } of RUN) {
      const fences = FENCES.filter((f) => f.section === section);
      fences.forEach((fence, i) => {
        if (fence.lang !== 'text') return;
        const shell = fences
          .slice(0, i)
          .reverse()
          .find((f) => f.lang === 'sh');
        const last = shell && commandsOf(shell).at(-1);
        expect(last).toBeDefined();
        const printed = ran.get(last!.line)?.output ?? '';
        expect({ line: fence.line, missing: missingShownLine(fence.lines, printed), printed }).toMatchObject({ missing: null });
        checked++;
      });
    }
    expect(checked).toBeGreaterThan(0);
  });

  it('a refused command made nothing where it was pointed', () => {
    const refused = commands.filter(({ command }) => command.exit !== 0);
    expect(refused.length).toBeGreaterThan(0);
    for (const { command } of refused) {
      for (const [, file] of command.text.matchAll(/\bCARETRAIL_(?:SQLITE_FILE|SIGNING_KEY_FILE)=(\S+)/g)) {
        expect({ line: command.line, file, exists: existsSync(join(dir, file)) }).toEqual({ line: command.line, file, exists: false });
      }
    }
  });

  it("the command-line table's commands and options are the CLI's", async () => {
    const table = README.slice(README.indexOf('## Command line'));
    const rows = [...table.slice(0, table.indexOf('\n## ', 3)).matchAll(/^\| `([a-z-]+)([^`]*)` \|/gm)];
    expect(rows.length).toBeGreaterThan(5);
    const helps = await Promise.all(rows.map(([, name]) => run('node', ['dist/apps/cli/src/main.js', name, '--help'], dir, readerEnv())));
    for (const [i, [, name, rest]] of rows.entries()) {
      const help = helps[i];
      expect({ name, code: help.code, usage: help.output.split('\n')[0] }).toEqual({
        name,
        code: 0,
        usage: expect.stringMatching(new RegExp(`^Usage: caretrail ${name}\\b`)),
      });
      for (const [option] of rest.matchAll(/--[a-z][a-z-]*/g))
        expect({ name, option, listed: help.output.includes(option) }).toEqual({ name, option, listed: true });
    }
  });
});
