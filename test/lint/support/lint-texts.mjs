// Run by test/lint/architecture-rules.e2e.ts in a child node process (jest cannot load ESLint's ES
// module config): lints each { filePath, text } read as JSON from stdin with the repository's
// eslint.config.mjs, through ESLint's Node API (lintText: nothing is written to disk), and prints the
// messages of each as JSON.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { ESLint } from 'eslint';

const root = resolve(import.meta.dirname, '../../..');
const cases = JSON.parse(readFileSync(0, 'utf8'));
const eslint = new ESLint({ cwd: root });
const out = [];
for (const { filePath, text } of cases) {
  const [result] = await eslint.lintText(text, { filePath: resolve(root, filePath) });
  out.push((result?.messages ?? []).map(({ ruleId, message, severity }) => ({ ruleId, message, severity })));
}
process.stdout.write(JSON.stringify(out));
