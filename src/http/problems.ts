import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { AppError, errorCodes, type ErrorCode, type FieldError } from '../core/errors.ts';

export const problemType = (code: ErrorCode): string => `/problems/${code.replaceAll('_', '-')}`;

/** The one place where an error becomes an HTTP answer (RFC 9457). Nothing else sets error statuses. */
export function sendProblem(reply: FastifyReply, error: AppError): FastifyReply {
  const { status, title } = errorCodes[error.code];
  for (const [name, value] of Object.entries(error.headers ?? {})) reply.header(name, value);
  return reply
    .status(status)
    .type('application/problem+json')
    .send({
      type: problemType(error.code),
      title,
      status,
      ...(error.detail && error.detail !== title ? { detail: error.detail } : {}),
      ...(error.errors ? { errors: error.errors } : {}),
    });
}

const FASTIFY_CODES: Record<string, ErrorCode> = {
  FST_ERR_CTP_INVALID_JSON_BODY: 'malformed_json',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'malformed_json',
  FST_ERR_CTP_BODY_TOO_LARGE: 'payload_too_large',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'unsupported_media_type',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'validation',
  FST_ERR_MAX_PARAM_LENGTH: 'validation',
  FST_ERR_BAD_URL: 'validation',
  FST_REQ_FILE_TOO_LARGE: 'payload_too_large',
  FST_FILES_LIMIT: 'payload_too_large',
  FST_PARTS_LIMIT: 'payload_too_large',
  FST_INVALID_MULTIPART_CONTENT_TYPE: 'unsupported_media_type',
};

/** Constraint violations that a service's own checks should have caught first; never a 500. */
const DATABASE_CODES: Record<string, ErrorCode> = {
  '23505': 'conflict', // unique_violation
  '23503': 'conflict', // foreign_key_violation
  '23514': 'validation', // check_violation
  '22003': 'validation', // numeric_value_out_of_range
  '22P02': 'validation', // invalid_text_representation
  '22021': 'validation', // character_not_in_repertoire: a NUL character in text, which PostgreSQL cannot store
  '22P05': 'validation', // untranslatable_character: a NUL character (\u0000) in jsonb
  '40001': 'conflict', // serialization_failure
};

export function toAppError(error: FastifyError | Error): AppError | null {
  if (error instanceof AppError) return error;
  const fastifyError = error as FastifyError;
  if (fastifyError.validation) {
    const errors = fastifyError.validation.map(validationIssue(fastifyError.validationContext));
    return new AppError('validation', errors.map((e) => `${e.path}: ${e.message}`).join('; '), { errors });
  }
  const code = fastifyError.code ? FASTIFY_CODES[fastifyError.code] : undefined;
  if (code) return new AppError(code, fastifyError.message);
  if (error instanceof SyntaxError && /JSON/.test(error.message)) return new AppError('malformed_json', error.message);
  // Drizzle wraps the driver's error (DrizzleQueryError); the SQLSTATE is on its cause.
  const dbError = ((error as { code?: string }).code ? error : ((error as { cause?: unknown }).cause ?? error)) as Error & { code?: string; detail?: string };
  const databaseCode = DATABASE_CODES[dbError.code ?? ''];
  if (databaseCode) return new AppError(databaseCode, dbError.detail ?? dbError.message);
  const status = fastifyError.statusCode;
  if (status && status >= 400 && status < 500) return new AppError(status === 413 ? 'payload_too_large' : 'validation', error.message);
  return null;
}

function validationIssue(part = 'body') {
  return (issue: { instancePath: string; message?: string; params?: Record<string, unknown> }): FieldError => {
    const missing = issue.params?.missingProperty as string | undefined;
    const extra = issue.params?.additionalProperty as string | undefined;
    const pointer = issue.instancePath.replace(/^\//, '').replaceAll('/', '.');
    const path = [part === 'body' ? '' : part, pointer, missing ?? extra ?? ''].filter(Boolean).join('.');
    const message = extra ? 'is not a known field' : missing ? 'is required' : (issue.message ?? 'is not valid');
    return { path: path || part, message };
  };
}

export function errorHandler(error: FastifyError, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const appError = toAppError(error);
  if (appError) return sendProblem(reply, appError);
  request.log.error({ err: error }, 'unhandled error');
  return reply.status(500).type('application/problem+json').send({
    type: '/problems/internal',
    title: 'Something went wrong on our side',
    status: 500,
  });
}
