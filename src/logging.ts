import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { LoggerService, LogLevel } from '@nestjs/common';
import type { FastifyInstance } from 'fastify';
import pino, { type DestinationStream, type Logger } from 'pino';
import type { AppConfig } from './config/app-config';

const REQUEST_ID = /^[A-Za-z0-9._-]{8,64}$/;
/** Probes that would drown the log: a load balancer and Prometheus call them every few seconds. */
const UNLOGGED_PATHS = new Set(['/health', '/metrics']);

/** The request id: the caller's X-Request-Id when it is sane, otherwise a new UUID. Fastify assigns it (bootstrap.ts). */
export function requestIdFor(req: IncomingMessage): string {
  const incoming = req.headers['x-request-id'];
  return typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : randomUUID();
}

/**
 * The process's one logger: JSON lines on stdout. Fields that could hold personal data are removed
 * from any object logged, whatever the code passes; request lines are built field by field below.
 */
export function createLogger(config: Pick<AppConfig, 'logLevel' | 'appRole'>, destination: DestinationStream = stdout()): Logger {
  return pino(
    {
      level: config.logLevel,
      base: { role: config.appRole },
      serializers: { err: pino.stdSerializers.err },
      redact: { paths: ['headers', '*.headers', 'password', '*.password', 'phone', '*.phone', 'idNumber', '*.idNumber', 'email', '*.email'], remove: true },
    },
    destination,
  );
}

/**
 * One line per answered request: the request id, method, path and status, never headers, bodies
 * or query strings, so tokens and personal data never reach the log. The line is exactly what pino
 * writes for `logger.info({ req: { id, method, path }, res: { statusCode }, responseTime }, 'request
 * completed')` (`error` and 'request failed' for a 5xx), through the same logger's level, bindings
 * and destination, but rendered here from those four known fields: pino's general path (its
 * property walk, symbol lookups and per-value stringifying) cost a tenth of a cached read
 * (docs/BENCHMARKS.md). logging.spec.ts holds the two outputs equal byte for byte.
 */
export class RequestLog {
  private readonly bindings: string;
  private readonly stream: DestinationStream;

  constructor(private readonly logger: Logger) {
    const internals = logger as unknown as Record<symbol, unknown>;
    this.bindings = internals[pino.symbols.chindingsSym] as string;
    this.stream = internals[pino.symbols.streamSym] as DestinationStream;
  }

  /** Same level and output as the process's logger; its lines are batched (BatchedDestination). */
  static create(config: Pick<AppConfig, 'logLevel' | 'appRole'>, destination: DestinationStream = batchedStdout()): RequestLog {
    return new RequestLog(pino({ level: config.logLevel, base: { role: config.appRole } }, destination));
  }

  write(id: string, method: string, url: string, statusCode: number, elapsedMs: number): void {
    const path = url.split('?', 1)[0];
    if (UNLOGGED_PATHS.has(path)) return;
    const failed = statusCode >= 500;
    if (!this.logger.isLevelEnabled(failed ? 'error' : 'info')) return;
    const req = `{"id":${JSON.stringify(id)},"method":${JSON.stringify(method)},"path":${JSON.stringify(path)}}`;
    this.stream.write(
      `{"level":${failed ? 50 : 30},"time":${Date.now()}${this.bindings},"req":${req},"res":{"statusCode":${statusCode}},"responseTime":${Math.round(elapsedMs)},"msg":"${failed ? 'request failed' : 'request completed'}"}\n`,
    );
  }
}

/**
 * The request lines, written by a fastify hook rather than a Nest middleware (which costs a
 * middleware runner and an async context per request).
 */
export function logRequests(fastify: FastifyInstance, log: RequestLog): void {
  fastify.addHook('onResponse', (request, reply, done) => {
    log.write(request.id, request.method, request.url, reply.statusCode, reply.elapsedTime);
    done();
  });
}

type SonicBoomLike = DestinationStream & { flushSync(): void; destroyed?: boolean };
let stdoutSink: SonicBoomLike | undefined;
let requestLines: BatchedDestination | undefined;

/** Standard output through pino's sonic-boom (partial writes, EAGAIN on a full pipe, EPIPE), one per process. */
function stdout(): SonicBoomLike {
  stdoutSink ??= pino.destination({ dest: 1, sync: false }) as unknown as SonicBoomLike;
  return stdoutSink;
}

/** Standard output for the request lines: batched (BatchedDestination) into the same sink as every other line. */
function batchedStdout(): DestinationStream {
  requestLines ??= new BatchedDestination(stdout());
  return requestLines;
}

/**
 * Hands the lines written to it to the sink in batches: every BATCH_DELAY_MS, or sooner once
 * BATCH_MAX_CHARS are waiting, and before the process exits. For the request lines, one per
 * request: written one by one, sonic-boom (4.x) re-measures its growing buffer with
 * Buffer.byteLength for every line while a write is in flight (flattening it each time) and hands
 * each small batch to libuv's thread pool, which together cost several microseconds per request.
 * A line shows in the log at most BATCH_DELAY_MS late; a process killed with SIGKILL loses at most
 * that much of its request lines. Once the sink is closed, lines are dropped, not kept.
 */
export class BatchedDestination implements DestinationStream {
  private lines: string[] = [];
  private chars = 0;
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly sink: SonicBoomLike) {
    // After whatever ran on the way out: what is waiting, then a synchronous flush of the sink.
    process.on('exit', () => {
      this.drain();
      try {
        this.sink.flushSync();
      } catch {
        // a sink that was closed, or whose reader went away: nothing more can be written
      }
    });
  }

  write(line: string): void {
    this.lines.push(line);
    this.chars += line.length;
    if (this.chars >= BATCH_MAX_CHARS) this.drain();
    else if (!this.timer) this.timer = setTimeout(this.drain, BATCH_DELAY_MS).unref();
  }

  readonly drain = (): void => {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    if (this.lines.length === 0) return;
    const chunk = this.lines.join('');
    this.lines = [];
    this.chars = 0;
    if (!this.sink.destroyed) this.sink.write(chunk);
  };
}

const BATCH_DELAY_MS = 50;
const BATCH_MAX_CHARS = 64 * 1024;

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
  constructor(private readonly logger: Logger) {}

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
