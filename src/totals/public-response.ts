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
  void reply.headers(cacheHeaders(body, maxAgeSeconds));
  if (matches(request.headers['if-none-match'], body.etag)) {
    void reply.status(304).send();
    return;
  }
  void reply.header('Content-Type', contentType).send(body.bytes ?? body.json);
}

/**
 * The caching headers of a body, made once per body object and max-age: a cached body (the totals of
 * one version, shared by every reader until the next change) answers with the same frozen headers.
 */
const headersOf = new WeakMap<object, { maxAgeSeconds: number; headers: Readonly<Record<string, string>> }>();

function cacheHeaders(body: { etag: string }, maxAgeSeconds: number): Readonly<Record<string, string>> {
  const known = headersOf.get(body);
  if (known && known.maxAgeSeconds === maxAgeSeconds) return known.headers;
  const headers = Object.freeze({ ETag: body.etag, 'Cache-Control': `public, max-age=${maxAgeSeconds}`, Vary: 'Accept-Encoding' });
  headersOf.set(body, { maxAgeSeconds, headers });
  return headers;
}

/** If-None-Match holds a list of (possibly weak) tags, or `*`. */
export function matches(header: string | string[] | undefined, etag: string): boolean {
  if (!header) return false;
  const tags = (Array.isArray(header) ? header.join(',') : header).split(',').map((t) => t.trim().replace(/^W\//, ''));
  return tags.includes('*') || tags.includes(etag);
}
