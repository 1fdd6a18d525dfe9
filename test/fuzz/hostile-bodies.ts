import fc from 'fast-check';
import { hostileKey, hostileValue } from './hostile-values';

/**
 * A request body as raw JSON text (so a `__proto__` key survives as a key): the valid-shaped sample
 * with one or two hostile mutations, or something that is not an object at all.
 */
export function hostileBody(sample: Record<string, unknown>, properties: string[]): fc.Arbitrary<string> {
  const fields = [...new Set([...Object.keys(sample), ...properties])];
  const field = fields.length ? fc.constantFrom(...fields) : fc.constant('x');
  const mutation = fc.oneof(
    fc.tuple(field, hostileValue).map(([k, v]) => (b: Record<string, unknown>) => ({ ...b, [k]: v })),
    field.map((k) => (b: Record<string, unknown>) => Object.fromEntries(Object.entries(b).filter(([key]) => key !== k))),
    fc.tuple(hostileKey, hostileValue).map(([k, v]) => (b: Record<string, unknown>) => ({ ...b, [k]: v })),
  );
  const mutated = fc.array(mutation, { minLength: 1, maxLength: 2 }).map((ms) => ms.reduce((b, m) => m(b), { ...sample }));
  const asJson = mutated.map((b) => JSON.stringify(b));
  // Prototype keys written by hand: JSON.stringify would drop an inherited __proto__.
  const protoJson = fc
    .tuple(hostileKey, fc.jsonValue({ maxDepth: 2 }))
    .map(([k, v]) => JSON.stringify(sample).replace(/^\{/, `{${JSON.stringify(k)}:${JSON.stringify(v)}${Object.keys(sample).length ? ',' : ''}`));
  const notAnObject = hostileValue.map((v) => JSON.stringify(v) ?? 'null');
  const broken = fc.constantFrom('{', '{"a":', '[1,2', 'nul', '{"a":1}{"b":2}', '\u0000', '{"a":"\\ud800"}', '{"a":1,"a":2}');
  return fc.oneof(
    { weight: 6, arbitrary: asJson },
    { weight: 2, arbitrary: protoJson },
    { weight: 1, arbitrary: notAnObject },
    { weight: 1, arbitrary: broken },
  );
}
