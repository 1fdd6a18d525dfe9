import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { RENAMED_ROUTES } from '../../apps/api/src/openapi/renamed-routes';
import { fetchOpenApi } from '../support/openapi-document';
import { startTestApp, type TestApp } from '../support/test-app';

/** The OpenAPI document says enough for a client to be generated from it (issue 11). */
interface Schema {
  $ref?: string;
  type?: string;
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  allOf?: Schema[];
}
interface Response {
  $ref?: string;
  description?: string;
  headers?: Record<string, unknown>;
  content?: Record<string, { schema?: Schema }>;
}
interface Operation {
  operationId: string;
  summary?: string;
  description?: string;
  deprecated?: boolean;
  security?: unknown[];
  parameters?: { name: string; in: string; schema?: Schema }[];
  requestBody?: { content: Record<string, { schema: Schema }> };
  responses: Record<string, Response>;
}
interface Doc {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Schema>; responses: Record<string, Response> };
}

describe('the OpenAPI document', () => {
  let t: TestApp;
  let doc: Doc;
  let operations: { key: string; method: string; path: string; op: Operation }[];

  beforeAll(async () => {
    t = await startTestApp('sqlite');
    doc = (await fetchOpenApi(t.server)) as unknown as Doc;
    operations = Object.entries(doc.paths).flatMap(([path, item]) =>
      Object.entries(item).map(([method, op]) => ({ key: `${method.toUpperCase()} ${path}`, method, path, op })),
    );
  });

  afterAll(async () => {
    await t?.close();
  });

  const response = (r: Response): Response => (r.$ref ? doc.components.responses[r.$ref.replace('#/components/responses/', '')] : r);
  const schema = (s: Schema | undefined): Schema | undefined => (s?.$ref ? doc.components.schemas[s.$ref.replace('#/components/schemas/', '')] : s);

  it('is a valid OpenAPI document (Redocly, the validator openapi-typescript is built on, finds no structural error)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'caretrail-openapi-lint-'));
    try {
      writeFileSync(join(dir, 'openapi.json'), JSON.stringify(doc));
      // @redocly/openapi-core ships ES modules only: run it beside jest, in Node, from the project's node_modules.
      const script = `
        import { createConfig, lintFromString } from '@redocly/openapi-core';
        import { readFileSync } from 'node:fs';
        const config = await createConfig({ extends: ['minimal'] });
        const problems = await lintFromString({ source: readFileSync(process.argv[1], 'utf8'), absoluteRef: process.argv[1], config });
        console.log(JSON.stringify(problems.map((p) => ({ severity: p.severity, rule: p.ruleId, message: p.message, at: p.location?.[0]?.pointer }))));`;
      const { stdout } = await promisify(execFile)(process.execPath, ['--input-type=module', '-e', script, join(dir, 'openapi.json')], {
        cwd: join(__dirname, '..', '..'),
      });
      const problems = JSON.parse(stdout) as { severity: string; rule: string; message: string; at: string }[];
      expect(problems.filter((p) => p.severity === 'error')).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 300_000); // a Node process of its own: minutes on a busy machine, not the default minute

  it('gives every operation a summary and a description', () => {
    expect(operations.length).toBeGreaterThanOrEqual(58);
    const missing = operations.filter(({ op }) => !op.summary?.trim() || !op.description?.trim()).map(({ key }) => key);
    expect(missing).toEqual([]);
  });

  it('documents every error an operation can answer, each as an RFC 9457 problem', () => {
    const gaps: string[] = [];
    for (const { key, method, path, op } of operations) {
      const isPublic = Array.isArray(op.security) && op.security.length === 0;
      const isCommand = method === 'post' && op.responses['201'] !== undefined;
      const expected = [...(isPublic ? [] : ['401', '403']), ...(path.includes('{') ? ['404'] : []), ...(isCommand ? ['400', '409', '422'] : []), '429', '500'];
      for (const status of expected) if (!op.responses[status]) gaps.push(`${key} ${status}`);
      for (const [status, answer] of Object.entries(op.responses)) {
        if (Number(status) < 400) continue;
        const problem = schema(response(answer).content?.['application/problem+json']?.schema);
        if (!problem?.properties?.detail) gaps.push(`${key} ${status} is not a problem`);
      }
    }
    expect(gaps).toEqual([]);
    const problem = doc.components.schemas.ProblemDto;
    expect(problem.required).toEqual(expect.arrayContaining(['type', 'title', 'status', 'detail', 'instance']));
    expect(Object.keys(problem.properties ?? {})).toEqual(expect.arrayContaining(['fields', 'rule', 'currentVersion']));
    expect(problem.properties?.status.type).toBe('integer');
    expect(problem.properties?.currentVersion.type).toBe('integer');
    expect(response(doc.components.responses.Unauthorized).headers).toHaveProperty('WWW-Authenticate');
  });

  it('gives every success answer a schema', () => {
    const bare = operations.flatMap(({ key, op }) =>
      Object.entries(op.responses)
        .filter(([status]) => /^2\d\d$/.test(status) && status !== '204')
        .filter(([, answer]) => !Object.values(response(answer).content ?? {}).some((c) => c.schema))
        .map(([status]) => `${key} ${status}`),
    );
    expect(bare).toEqual([]);
  });

  it('says where a command recorded its entry, its version, and how to send it safely', () => {
    // A command answers with the record it recorded on (CommandResponseDto); other creations (a contact) need not.
    const commands = operations.filter(
      ({ method, op }) => method === 'post' && op.responses['201']?.content?.['application/json']?.schema?.$ref === '#/components/schemas/CommandResponseDto',
    );
    expect(commands.length).toBeGreaterThan(40);
    for (const { key, op } of commands) {
      const created = response(op.responses['201']);
      const expected = op.deprecated ? ['Deprecation', 'ETag', 'Link', 'Location'] : ['ETag', 'Location'];
      expect({ key, headers: Object.keys(created.headers ?? {}).sort() }).toEqual({ key, headers: expected });
      expect(schema(created.content?.['application/json']?.schema)?.properties?.version?.type).toBe('integer');
      const headers = (op.parameters ?? []).filter((p) => p.in === 'header').map((p) => p.name);
      expect({ key, headers }).toEqual({ key, headers: expect.arrayContaining(['If-Match', 'Idempotency-Key']) });
    }
  });

  it('gives record reads a strong ETag and a 304', () => {
    for (const key of ['GET /concerns/{concernId}', 'GET /services/{serviceId}', 'GET /contracts/{contractId}', 'GET /organisations/{organisationId}']) {
      const { op } = operations.find((o) => o.key === key)!;
      expect({ key, etag: Object.keys(response(op.responses['200']).headers ?? {}) }).toEqual({ key, etag: ['ETag'] });
      expect(op.responses['304']).toBeDefined();
    }
  });

  it('has no empty or dangling schema reference, and types versions and positions as integers', () => {
    const problems: string[] = [];
    const walk = (value: unknown, where: string): void => {
      if (Array.isArray(value)) return value.forEach((v, i) => walk(v, `${where}[${i}]`));
      if (!value || typeof value !== 'object') return;
      for (const [name, child] of Object.entries(value)) {
        if (name === '$ref' && typeof child === 'string') {
          const [, kind, target] = /^#\/components\/(schemas|responses)\/(.*)$/.exec(child) ?? [];
          if (!target || !(doc.components as unknown as Record<string, Record<string, unknown>>)[kind][target])
            problems.push(`${where}: $ref ${JSON.stringify(child)}`);
        }
        if (name === 'properties' && child && typeof child === 'object') {
          for (const [property, s] of Object.entries(child as Record<string, Schema>)) {
            if (
              /^(version|expectedVersion|currentVersion|streamVersion|globalPosition|position|headPosition|minPosition)$/.test(property) &&
              s.type !== 'integer'
            ) {
              problems.push(`${where}.${property}: ${s.type}`);
            }
          }
        }
        walk(child, `${where}.${name}`);
      }
    };
    walk(doc, '#');
    for (const { key, op } of operations) {
      for (const p of op.parameters ?? []) {
        if (['version', 'minPosition', 'limit'].includes(p.name) && p.schema?.type !== 'integer')
          problems.push(`${key} parameter ${p.name}: ${p.schema?.type}`);
      }
    }
    expect(problems).toEqual([]);
    // The nested items a client could not learn before.
    expect(doc.components.schemas.SubmitActionPlanDto.properties?.actions.items?.$ref).toBe('#/components/schemas/PlannedActionDto');
    expect(doc.components.schemas.PlanUpdateDto.properties?.actions.items?.$ref).toBe('#/components/schemas/ActionProgressDto');
    expect(doc.components.schemas.PlanUpdateDto.properties?.evidence.items?.$ref).toBe('#/components/schemas/EvidenceReferenceDto');
    expect(doc.components.schemas.CompletionClaimDto.properties?.evidence.items?.$ref).toBe('#/components/schemas/EvidenceReferenceDto');
  });

  it('names commands as plural collections, the old singular paths deprecated beside them', () => {
    const deprecated = operations
      .filter(({ op }) => op.deprecated)
      .map(({ key }) => key)
      .sort();
    expect(deprecated).toEqual(Object.keys(RENAMED_ROUTES).sort());
    for (const [old, current] of Object.entries(RENAMED_ROUTES)) {
      const before = operations.find((o) => o.key === old)!.op;
      const now = operations.find((o) => o.key === current)?.op;
      expect({ current, found: now !== undefined, deprecated: now?.deprecated }).toEqual({ current, found: true, deprecated: undefined });
      expect(before.requestBody).toEqual(now!.requestBody);
      expect(before.description).toContain(current);
    }
    const ids = operations.map(({ op }) => op.operationId);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.filter((id) => /[[\]]/.test(id))).toEqual([]);
  });
});
