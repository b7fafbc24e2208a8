import type { FastifyReply, FastifyRequest } from 'fastify';

const JSON_TYPE = 'application/json; charset=utf-8';

/**
 * Public, shareable answers fit for a CDN in front: a short max-age, an ETag of the exact bytes,
 * and 304 when the client already holds them. Only for bodies without personal data.
 */
export function sendPublic(
  request: FastifyRequest,
  reply: FastifyReply,
  body: { json?: string; bytes?: Buffer; etag: string },
  maxAgeSeconds: number,
  contentType = JSON_TYPE,
): void {
  void reply.headers(cacheHeaders(body.etag, maxAgeSeconds));
  if (matches(request.headers['if-none-match'], body.etag)) {
    void reply.status(304).send();
    return;
  }
  void reply.header('Content-Type', contentType).send(body.bytes ?? body.json);
}

function cacheHeaders(etag: string, maxAgeSeconds: number): Record<string, string> {
  return { ETag: etag, 'Cache-Control': `public, max-age=${maxAgeSeconds}`, Vary: 'Accept-Encoding' };
}

/** If-None-Match holds a list of (possibly weak) tags, or `*`. */
export function matches(header: string | string[] | undefined, etag: string): boolean {
  if (!header) return false;
  const tags = (Array.isArray(header) ? header.join(',') : header).split(',').map((t) => t.trim().replace(/^W\//, ''));
  return tags.includes('*') || tags.includes(etag);
}
