import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { RequestMethod } from '@nestjs/common';
import type { Params } from 'nestjs-pino';
import type { AppConfig } from './config/app-config';

const REQUEST_ID = /^[A-Za-z0-9._-]{8,64}$/;

/** The request id: the caller's X-Request-Id when it is sane, otherwise a new UUID. Fastify assigns it (bootstrap.ts). */
export function requestIdFor(req: IncomingMessage): string {
  const incoming = req.headers['x-request-id'];
  return typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : randomUUID();
}

/**
 * Structured JSON logs with a request id. Only method, path and status are logged for a request:
 * no headers, bodies or query strings, so tokens and personal data never reach a log line.
 */
export function loggerOptions(config: AppConfig): Params {
  return {
    // Every route (Nest 12 path syntax; the library's default pattern matches nothing on fastify).
    forRoutes: [{ path: '{*path}', method: RequestMethod.ALL }],
    pinoHttp: {
      level: config.logLevel,
      // Fastify has already given the request its id (requestIdFor); reuse it.
      genReqId: (req: IncomingMessage) => req.id ?? requestIdFor(req),
      autoLogging: { ignore: (req: IncomingMessage) => req.url === '/health' || req.url === '/metrics' },
      serializers: {
        req: (req: { id: string; method: string; url: string }) => ({ id: req.id, method: req.method, path: req.url.split('?')[0] }),
        res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      },
      redact: { paths: ['req.headers', 'password', '*.password', 'phone', '*.phone', 'idNumber', '*.idNumber'], remove: true },
      base: { role: config.appRole },
    },
  };
}
