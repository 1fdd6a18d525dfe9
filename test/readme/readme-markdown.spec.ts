import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { commandsOf, fencesOf, missingShownLine } from './readme-markdown';

describe("reading the README's blocks", () => {
  const markdown = [
    '# Title',
    '## First',
    '```sh',
    'A=1   # a value',
    '# a comment line',
    '',
    'curl -s -d "{',
    '  \\"a\\": 1}" x | jq .id   # exit 0: "quoted # not a comment"',
    "sed 's/#x/y/' f \\",
    '  > g                     # exit 1: "FAILED", says "where"',
    '```',
    '### Sub',
    '```text',
    'shown',
    '```',
    '## Second',
    '```',
    'x',
    '```',
  ].join('\n');

  it('finds each fenced block with its section (### counts as its ## section), language and first line', () => {
    expect(fencesOf(markdown).map(({ section, lang, line, lines }) => ({ section, lang, line, n: lines.length }))).toEqual([
      { section: 'First', lang: 'sh', line: 4, n: 7 },
      { section: 'First', lang: 'text', line: 14, n: 1 },
      { section: 'Second', lang: '', line: 18, n: 1 },
    ]);
  });

  it('reads one command per line, joining lines inside quotes and after a backslash; the comment says the exit and the output', () => {
    const [sh] = fencesOf(markdown);
    expect(commandsOf(sh)).toEqual([
      { line: 4, text: 'A=1   # a value', exit: 0, says: [] },
      { line: 7, text: 'curl -s -d "{\n  \\"a\\": 1}" x | jq .id   # exit 0: "quoted # not a comment"', exit: 0, says: ['quoted # not a comment'] },
      { line: 9, text: 'sed \'s/#x/y/\' f \\\n  > g                     # exit 1: "FAILED", says "where"', exit: 1, says: ['FAILED', 'where'] },
    ]);
  });

  it('refuses a block whose quote never closes, and one never closed', () => {
    expect(() => commandsOf({ section: 's', lang: 'sh', line: 10, lines: ['echo "open', 'still'] })).toThrow(
      'README line 10: a quote opened here is never closed',
    );
    expect(() => fencesOf('## A\n```sh\necho')).toThrow(/never closed/);
  });

  it('matches shown lines in order, … standing for anything and for lines left out', () => {
    const output = 'Evidence b.json: FAILED, 3 problems\nkey ab12\n  ✗ one 9f…\n  ✗ two\n';
    expect(missingShownLine(['Evidence b.json: FAILED, 3 problems', '…', '  ✗ one …', '  ✗ two'], output)).toBeNull();
    expect(missingShownLine(['  ✗ two', '  ✗ one …'], output)).toBe('  ✗ one …');
    expect(missingShownLine(['Evidence b.json: FAILED'], output)).toBe('Evidence b.json: FAILED');
  });
});

describe('the README itself', () => {
  const readme = readFileSync(join(__dirname, '..', '..', 'README.md'), 'utf8');

  it('stays at most 300 lines (quick start, walk-through, links: the rest lives in docs/)', () => {
    expect(readme.trimEnd().split('\n').length).toBeLessThanOrEqual(300);
  });

  it('links only to docs that exist', () => {
    const links = [...readme.matchAll(/\]\((docs\/[^)#]+)/g)].map((m) => m[1]);
    expect(links.length).toBeGreaterThan(10);
    expect(links.filter((link) => !existsSync(join(__dirname, '..', '..', link)))).toEqual([]);
  });
});
