import request from 'supertest';

export interface OpenApiSchema {
  $ref?: string;
  type?: string;
  format?: string;
  enum?: unknown[];
  properties?: Record<string, OpenApiSchema>;
  required?: string[];
  items?: OpenApiSchema;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  minItems?: number;
  additionalProperties?: boolean | OpenApiSchema;
  example?: unknown;
}
interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header';
  required?: boolean;
  schema?: OpenApiSchema;
}
export interface OpenApiDocument {
  paths: Record<string, Record<string, { parameters?: Parameter[]; requestBody?: { content: Record<string, { schema: OpenApiSchema }> } }>>;
  components: { schemas: Record<string, OpenApiSchema> };
}

export interface ApiRoute {
  method: string;
  path: string;
  key: string;
  pathParams: Parameter[];
  /** Query parameters a request must carry. */
  requiredQuery: string[];
  body?: OpenApiSchema;
}

export async function fetchOpenApi(server: unknown): Promise<OpenApiDocument> {
  return (
    await request(server as never)
      .get('/docs/openapi.json')
      .expect(200)
  ).body as OpenApiDocument;
}

/** Every operation in the document, as the access policy names it. */
export function apiRoutes(doc: OpenApiDocument): ApiRoute[] {
  return Object.entries(doc.paths).flatMap(([path, ops]) =>
    Object.entries(ops).map(([method, op]) => ({
      method: method.toUpperCase(),
      path,
      key: `${method.toUpperCase()} ${path}`,
      pathParams: (op.parameters ?? []).filter((p) => p.in === 'path'),
      requiredQuery: (op.parameters ?? []).filter((p) => p.in === 'query' && p.required).map((p) => p.name),
      body: op.requestBody?.content['application/json']?.schema,
    })),
  );
}

/** Follows a `$ref`; a dangling one (Nest's nested DTO arrays) is an open object. */
export function resolve(doc: OpenApiDocument, schema: OpenApiSchema | undefined): OpenApiSchema {
  if (!schema) return {};
  if (!schema.$ref) return schema;
  const name = schema.$ref.replace('#/components/schemas/', '');
  return doc.components.schemas[name] ?? { type: 'object' };
}
