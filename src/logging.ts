import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { LoggerService, LogLevel } from '@nestjs/common';
import type { FastifyInstance } from 'fastify';
import pino, { type DestinationStream, type Logger } from 'pino';
import type { AppConfig } from './config/app-config';

const REQUEST_ID = /^[A-Za-z0-9._-]{8,64}$/;
/** Probes that would drown the log: a load balancer and Prometheus call them every few seconds. */
const UNLOGGED_PATHS = new Set(['/health', '/metrics']);
/**
 * Standard output is written in chunks of at least STDOUT_MIN_LENGTH bytes, or every STDOUT_FLUSH_MS,
 * instead of one write per line (pino's sonic-boom buffers the lines and flushes them when the
 * process exits): a line shows at most that late, and a SIGKILL loses at most that much.
 */
const STDOUT_MIN_LENGTH = 4096;
const STDOUT_FLUSH_MS = 200;

/** The request id: the caller's X-Request-Id when it is sane, otherwise a new UUID. Fastify assigns it (bootstrap.ts). */
export function requestIdFor(req: IncomingMessage): string {
  const incoming = req.headers['x-request-id'];
  return typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : randomUUID();
}

/**
 * The process's one logger: JSON lines on stdout. Fields that could hold personal data are removed
 * from any object logged, whatever the code passes.
 */
export function createLogger(config: Pick<AppConfig, 'logLevel' | 'appRole'>, destination: DestinationStream = stdout()): Logger {
  return pino(
    {
      level: config.logLevel,
      base: { role: config.appRole },
      serializers: { err: serializeError },
      redact: {
        paths: [
          'headers',
          '*.headers',
          'password',
          '*.password',
          'phone',
          '*.phone',
          'idNumber',
          '*.idNumber',
          'email',
          '*.email',
          'openid',
          '*.openid',
          'parameters',
          '*.parameters',
        ],
        remove: true,
      },
    },
    destination,
  );
}

/**
 * Fields of a database error that carry the values of a statement: TypeORM's `parameters`, and
 * PostgreSQL's `detail` ("Key (email_hash)=(…) already exists") and `where` ("unnamed portal parameter
 * $1 = '…'"). A logged error keeps its message, code, query text and stack, never the values.
 */
const VALUE_FIELDS = ['parameters', 'detail', 'where'];

export function serializeError(error: unknown): unknown {
  const out = pino.stdSerializers.err(error as Error) as unknown;
  const stack: unknown[] = [out];
  const seen = new Set<unknown>();
  while (stack.length > 0) {
    const item = stack.pop();
    if (item === null || typeof item !== 'object' || seen.has(item)) continue;
    seen.add(item);
    const record = item as Record<string, unknown>;
    for (const field of VALUE_FIELDS) if (field in record) record[field] = '[redacted]';
    for (const nested of ['driverError', 'cause', 'aggregateErrors']) if (nested in record) stack.push(record[nested]);
    if (Array.isArray(item)) stack.push(...(item as unknown[]));
  }
  return out;
}

let stdoutSink: DestinationStream | undefined;

/** Standard output through pino's sonic-boom (buffered; partial writes, EAGAIN, EPIPE; flushed at exit), one per process. */
function stdout(): DestinationStream {
  stdoutSink ??= pino.destination({ dest: 1, minLength: STDOUT_MIN_LENGTH, periodicFlush: STDOUT_FLUSH_MS, sync: false });
  return stdoutSink;
}

/**
 * One line per answered request, written through the process's logger by a fastify hook: the
 * request id, method, path and status, never headers, bodies or query strings, so tokens and
 * personal data never reach the log. Every answer is logged, the cached totals reads included
 * (info; a 5xx is an error), so the access log stays complete.
 *
 * The line is written by a child of the process's logger without the redaction paths: it is built
 * here from those five fixed fields, none of which is a redacted key, so redaction could never
 * remove anything from it, and its wildcard paths (`*.headers`, …) walked every field of every line
 * (a fifth of the cost of a cached totals read went into logging, half of it into redaction).
 * Anything else logged goes through the redacting logger.
 */
export function logRequests(fastify: FastifyInstance, logger: Logger): void {
  const access = logger.child({}, { redact: [] });
  fastify.addHook('onResponse', (request, reply, done) => {
    const url = request.url;
    const query = url.indexOf('?');
    const path = query === -1 ? url : url.slice(0, query);
    if (!UNLOGGED_PATHS.has(path)) {
      const statusCode = reply.statusCode;
      const line = {
        req: { id: request.id, method: request.method, path },
        res: { statusCode },
        responseTime: Math.round(reply.elapsedTime),
      };
      if (statusCode >= 500) access.error(line, 'request failed');
      else access.info(line, 'request completed');
    }
    done();
  });
}

const LEVELS: Record<LogLevel, 'info' | 'error' | 'warn' | 'debug' | 'trace' | 'fatal'> = {
  log: 'info',
  error: 'error',
  warn: 'warn',
  debug: 'debug',
  verbose: 'trace',
  fatal: 'fatal',
};

/**
 * Nest's logger calls (`new Logger(Context).warn({ orderNo }, 'text')`) written through pino. Nest
 * appends the context as the last argument; an object first argument becomes the line's fields.
 */
export class PinoNestLogger implements LoggerService {
  constructor(readonly logger: Logger) {}

  log(message: unknown, ...params: unknown[]): void {
    this.write('log', message, params);
  }
  error(message: unknown, ...params: unknown[]): void {
    this.write('error', message, params);
  }
  warn(message: unknown, ...params: unknown[]): void {
    this.write('warn', message, params);
  }
  debug(message: unknown, ...params: unknown[]): void {
    this.write('debug', message, params);
  }
  verbose(message: unknown, ...params: unknown[]): void {
    this.write('verbose', message, params);
  }
  fatal(message: unknown, ...params: unknown[]): void {
    this.write('fatal', message, params);
  }

  private write(level: LogLevel, message: unknown, params: unknown[]): void {
    const method = LEVELS[level];
    if (!this.logger.isLevelEnabled(method)) return;
    const context = params.length > 0 && typeof params[params.length - 1] === 'string' ? (params.pop() as string) : undefined;
    // Nest's own error(message, stack, context) form.
    const stack = level === 'error' && typeof params[0] === 'string' && params[0].includes('\n    at ') ? (params.shift() as string) : undefined;
    const fields: Record<string, unknown> = context ? { context } : {};
    if (stack) fields.err = { message: typeof message === 'string' ? message : undefined, stack };
    if (message instanceof Error) {
      this.logger[method]({ ...fields, err: message }, message.message);
    } else if (typeof message === 'object' && message !== null) {
      this.logger[method]({ ...fields, ...(message as Record<string, unknown>) }, typeof params[0] === 'string' ? params[0] : '');
    } else {
      this.logger[method](fields, String(message));
    }
  }
}
