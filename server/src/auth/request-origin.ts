import type { FastifyRequest } from 'fastify';
import type { PathfinderConfig } from '@pathfinder/core';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export const changesState = (method: string): boolean => !SAFE_METHODS.has(method.toUpperCase());

function originOf(value: string | undefined): string | null {
  if (!value) return null;
  try {
    const url = new URL(value);
    return url.origin === 'null' ? null : url.origin;
  } catch {
    return null;
  }
}

/**
 * Whether a request comes from one of our own origins (the public URL or a CORS origin), judged by
 * `Origin`, or by `Referer` when a browser sent no Origin. Neither header: not ours. This is the
 * CSRF defence for cookie sessions; a Bearer token cannot be sent by another site, so it needs none.
 */
export function isSameOrigin(request: FastifyRequest, config: Pick<PathfinderConfig, 'publicUrl' | 'corsOrigins'>): boolean {
  const origin = originOf(request.headers.origin) ?? originOf(request.headers.referer);
  if (!origin) return false;
  const allowed = [config.publicUrl, ...config.corsOrigins.filter((o) => o !== '*')].map((o) => originOf(o));
  return allowed.includes(origin);
}
