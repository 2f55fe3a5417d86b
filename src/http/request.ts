import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Actor } from '../core/actor.ts';
import { AppError } from '../core/errors.ts';

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
  }
  interface FastifyContextConfig {
    /** Routes that answer without a signed-in caller. */
    public?: boolean;
  }
}

export function requireActor(request: FastifyRequest): Actor {
  if (!request.actor) throw new AppError('unauthenticated');
  return request.actor;
}

/** The version named by If-Match (`"3"`, `W/"3"` or `3`); required on every change to an existing row. */
export function ifMatchVersion(request: FastifyRequest): number {
  const header = request.headers['if-match'];
  if (!header) throw new AppError('precondition_required');
  const match = /^(?:W\/)?"?(\d{1,9})"?$/.exec(String(header).trim());
  if (!match) throw new AppError('precondition_failed', 'If-Match must be the ETag you read, like "3"');
  return Number(match[1]);
}

export function withEtag<T extends { version: number }>(reply: FastifyReply, body: T): T {
  reply.header('etag', `"${body.version}"`);
  return body;
}
