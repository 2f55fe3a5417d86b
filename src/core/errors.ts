/**
 * The error catalogue. Services throw AppError with a stable code; only the HTTP edge
 * (src/http/problems.ts) maps a code to a status and an RFC 9457 problem document.
 * Every code is documented in docs/problems.md (a test checks it).
 */
export const errorCodes = {
  validation: { status: 400, title: 'The request is not valid' },
  malformed_json: { status: 400, title: 'The request body is not valid JSON' },
  bad_cursor: { status: 400, title: 'The cursor is not valid' },
  unauthenticated: { status: 401, title: 'Authentication is required' },
  invalid_credentials: { status: 401, title: 'Email or password is wrong' },
  forbidden: { status: 403, title: 'Your role does not allow this' },
  csrf: { status: 403, title: 'The CSRF token is missing or wrong' },
  not_found: { status: 404, title: 'Not found' },
  conflict: { status: 409, title: 'The change conflicts with stored data' },
  precondition_failed: { status: 412, title: 'Someone changed this since you read it; reload and try again' },
  payload_too_large: { status: 413, title: 'The request body is too large' },
  unsupported_media_type: { status: 415, title: 'Unsupported content type' },
  unprocessable: { status: 422, title: 'The request cannot be carried out' },
  currency_mismatch: { status: 422, title: 'The price cannot be given in this currency' },
  precondition_required: { status: 428, title: 'This change needs an If-Match header with the version you read' },
  rate_limited: { status: 429, title: 'Too many attempts; wait and try again' },
  signup_disabled: { status: 403, title: 'Sign-up is switched off on this server' },
} as const;

export type ErrorCode = keyof typeof errorCodes;

export interface FieldError {
  path: string;
  message: string;
}

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly detail?: string;
  readonly errors?: FieldError[];
  readonly headers?: Record<string, string>;

  constructor(code: ErrorCode, detail?: string, options: { errors?: FieldError[]; headers?: Record<string, string> } = {}) {
    super(detail ?? errorCodes[code].title);
    this.name = 'AppError';
    this.code = code;
    this.detail = detail;
    this.errors = options.errors;
    this.headers = options.headers;
  }
}

export const notFound = (what: string): AppError => new AppError('not_found', `${what} not found`);

export const invalid = (path: string, message: string): AppError =>
  new AppError('validation', message, { errors: [{ path, message }] });
