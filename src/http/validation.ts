import { Ajv, type AnySchema } from 'ajv';
import addFormats from 'ajv-formats';

/**
 * Bodies are validated strictly: a wrong type is an error, never coerced, and unknown fields are
 * refused (schemas say additionalProperties: false). Query strings and path parameters arrive as
 * text, so they are coerced to the declared types.
 */
const options = { allErrors: true, removeAdditional: false, useDefaults: true, strict: false } as const;
const strict = addFormats.default(new Ajv({ ...options, coerceTypes: false }));
const coercing = addFormats.default(new Ajv({ ...options, coerceTypes: 'array' }));

interface RouteSchema {
  schema: AnySchema;
  httpPart?: string;
}

/**
 * Fastify's validator factory (schemaController.compilersFactory.buildValidator). Fastify calls the
 * returned function with `{schema, httpPart, ...}`, although @fastify/ajv-compiler's types say it
 * receives the bare schema; hence the one cast.
 */
export function buildValidator(externalSchemas: Record<string, AnySchema | AnySchema[]> = {}) {
  for (const [id, schema] of Object.entries(externalSchemas)) {
    for (const ajv of [strict, coercing]) if (!ajv.getSchema(id) && !Array.isArray(schema)) ajv.addSchema(schema, id);
  }
  return (route: AnySchema) => {
    const { schema, httpPart } = route as unknown as RouteSchema;
    return (httpPart === 'body' ? strict : coercing).compile(schema);
  };
}
