import type { FastifyRequest } from 'fastify';
import { AddressPolicy, refusedLiteralHost } from '@pathfinder/sdk';
import { ApiError } from './api-error.js';

/**
 * Refuses (400 `PF_ERR_PRIVATE_ADDRESS`) a URL about to be saved whose host is a literal loopback,
 * private, link-local or other special-purpose address that PATHFINDER_ALLOWED_PRIVATE_HOSTS does
 * not name: a crawl or a link check would be sent there. The host is read from the parsed URL, so
 * `http://2130706433/` counts as 127.0.0.1. A host name passes here; the fetcher checks what it
 * resolves to when it connects.
 *
 * @example
 * assertPublicUrlHost(request, 'baseUrl', body.baseUrl); // 400 for http://169.254.169.254/latest/
 */
export function assertPublicUrlHost(request: FastifyRequest, field: string, url: string | null | undefined): void {
  if (!url) return;
  const refused = refusedLiteralHost(url, new AddressPolicy(request.server.ctx.config.allowedPrivateHosts ?? []));
  if (!refused) return;
  throw new ApiError(
    400,
    'PF_ERR_PRIVATE_ADDRESS',
    `${field}: ${refused.host} is a ${refused.range} address; only public hosts (or hosts named in PATHFINDER_ALLOWED_PRIVATE_HOSTS) are allowed.`,
    { field, host: refused.host, range: refused.range },
  );
}
