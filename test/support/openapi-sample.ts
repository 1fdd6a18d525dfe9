import { resolve, type OpenApiDocument, type OpenApiSchema } from './openapi-document';

/** Ids a valid-shaped request names, by field name; anything else gets a fresh-looking id. */
export type KnownIds = Record<string, string>;

/** A value that fits the schema: required fields only, first enum value, known ids by field name. */
export function sampleFromSchema(doc: OpenApiDocument, schema: OpenApiSchema | undefined, ids: KnownIds, field = ''): unknown {
  const s = resolve(doc, schema);
  if (s.enum?.length) return s.enum[0];
  if (s.example !== undefined && s.format !== 'uuid' && s.type !== 'number') return s.example;
  switch (s.type) {
    case 'object':
    case undefined: {
      const out: Record<string, unknown> = {};
      for (const name of s.required ?? []) out[name] = sampleFromSchema(doc, s.properties?.[name], ids, name);
      return out;
    }
    case 'array':
      // Nest leaves nested DTO item schemas dangling ($ref to nothing); those stay empty.
      return s.items?.type ? [sampleFromSchema(doc, s.items, ids, field.replace(/s$/, ''))] : [];
    case 'boolean':
      return false;
    case 'number':
    case 'integer':
      return Math.max(s.minimum ?? 1, 1);
    case 'string':
      if (s.format === 'uuid') return ids[field] ?? '01900000-0000-7000-8000-00000000f00d';
      if (field === 'occurredAt') return '2025-05-01T10:00:00Z';
      if (s.format === 'date') return '2025-05-01';
      if (s.format === 'date-time') return '2025-05-01T10:00:00Z';
      if (field === 'sha256') return 'a'.repeat(64);
      return 'x'.repeat(Math.max(s.minLength ?? 1, 1));
    default:
      return null;
  }
}
