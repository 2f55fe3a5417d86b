import createClient, { type Middleware } from 'openapi-fetch';
import type { paths } from './schema';

/** One field-level problem reported by the API (`errors[]` of a problem+json body). */
export interface FieldError {
  path: string;
  message: string;
}

/** A failed API call, from an `application/problem+json` answer (RFC 9457) or a network failure. */
export class ApiError extends Error {
  readonly status: number;
  readonly title: string;
  readonly type: string;
  readonly detail: string | undefined;
  readonly errors: FieldError[];
  /** Seconds to wait before retrying (from `Retry-After`, e.g. on 429). */
  readonly retryAfter: number | undefined;

  constructor(init: { status: number; title: string; type?: string; detail?: string; errors?: FieldError[]; retryAfter?: number }) {
    super(init.detail ?? init.title);
    this.name = 'ApiError';
    this.status = init.status;
    this.title = init.title;
    this.type = init.type ?? 'about:blank';
    this.detail = init.detail;
    this.errors = init.errors ?? [];
    this.retryAfter = init.retryAfter;
  }
}

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError;
}

/** Reads a cookie visible to scripts (the session cookie itself is HttpOnly). */
export function readCookie(name: string): string | undefined {
  for (const part of document.cookie.split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return decodeURIComponent(rest.join('='));
  }
  return undefined;
}

/** Paths on which a 401 is an answer for the page to show, not an expired session. */
const NO_REDIRECT_ON_401 = ['/api/v1/auth/login', '/api/v1/auth/logout'];

/** Where to go after logging in again: the path the user was on, never another origin. */
export function safeNext(next: string | null | undefined): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/login')) return '/';
  return next;
}

export function loginUrl(): string {
  const here = `${window.location.pathname}${window.location.search}`;
  return here === '/' || here.startsWith('/login') ? '/login' : `/login?next=${encodeURIComponent(here)}`;
}

type UnauthorizedHandler = (loginPath: string) => void;
let onUnauthorized: UnauthorizedHandler = (loginPath) => window.location.assign(loginPath);

/** Lets the router take over the redirect to /login (no full page reload). */
export function setUnauthorizedHandler(handler: UnauthorizedHandler): void {
  onUnauthorized = handler;
}

const csrfAndSession: Middleware = {
  onRequest({ request }) {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      const token = readCookie('patron_csrf');
      if (token) request.headers.set('x-csrf-token', token);
    }
    return request;
  },
  onResponse({ request, response }) {
    const path = new URL(request.url).pathname;
    if (response.status === 401 && !NO_REDIRECT_ON_401.includes(path) && !window.location.pathname.startsWith('/login')) {
      onUnauthorized(loginUrl());
    }
    return response;
  },
};

const origin = typeof window === 'undefined' ? 'http://localhost' : window.location.origin;
export const client = createClient<paths>({ baseUrl: origin, credentials: 'same-origin' });
client.use(csrfAndSession);

function problemFrom(status: number, body: unknown, response: Response | undefined): ApiError {
  const retry = Number(response?.headers.get('retry-after'));
  const retryAfter = Number.isFinite(retry) && retry > 0 ? retry : undefined;
  if (body && typeof body === 'object') {
    const b = body as Record<string, unknown>;
    const errors = Array.isArray(b.errors)
      ? b.errors.filter((e): e is FieldError => !!e && typeof e === 'object' && typeof (e as FieldError).message === 'string')
          .map((e) => ({ path: String(e.path ?? ''), message: e.message }))
      : [];
    return new ApiError({
      status,
      title: typeof b.title === 'string' ? b.title : (response?.statusText ?? 'Error'),
      type: typeof b.type === 'string' ? b.type : undefined,
      detail: typeof b.detail === 'string' ? b.detail : undefined,
      errors,
      retryAfter,
    });
  }
  return new ApiError({ status, title: response?.statusText || 'Error', retryAfter });
}

/**
 * Unwraps an openapi-fetch call: resolves with the typed body, or rejects with an ApiError.
 * Network failures become an ApiError with status 0.
 */
export async function call<T>(request: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  let result: { data?: T; error?: unknown; response: Response };
  try {
    result = await request;
  } catch (cause) {
    throw new ApiError({ status: 0, title: 'Network error', detail: cause instanceof Error ? cause.message : String(cause) });
  }
  const { data, error, response } = result;
  if (!response.ok || error !== undefined) throw problemFrom(response.status, error, response);
  return data as T;
}

/** The `If-Match` header for a record at `version`. */
export function ifMatch(version: number): { 'If-Match': string } {
  return { 'If-Match': `"${version}"` };
}
