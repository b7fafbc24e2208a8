import 'reflect-metadata';
import type { INestApplicationContext } from '@nestjs/common';
import { ConfigError, loadConfig } from './config/app-config';
import { createHttpApp, createWorkerContext } from './bootstrap';
import { waitForRedis } from './redis/redis-readiness';

/**
 * Longest a SIGTERM/SIGINT may take: requests in flight finish, workers finish their jobs (or hand
 * them back to the queue), connections close; past it the process gives up with exit code 1.
 * Kept under docker compose's stop_grace_period (30 s).
 */
const SHUTDOWN_TIMEOUT_MS = 25_000;
/** Processes that run workers wait this long for Redis at start, then stop with one line. */
const REDIS_START_TIMEOUT_MS = 10_000;

let app: INestApplicationContext | undefined;
let started = false;
let stopping = false;

/** One line on stderr, and exit code 1. */
function fail(message: string): never {
  process.stderr.write(`${message.replace(/\s+/g, ' ').trim()}\n`);
  process.exit(1);
}

/** What keeps the event loop alive, by kind ("TCPSocketWrap×3, Timeout×2"): names what a stop waits for. */
function openResources(): string {
  const counts = new Map<string, number>();
  for (const kind of process.getActiveResourcesInfo()) counts.set(kind, (counts.get(kind) ?? 0) + 1);
  return [...counts].map(([kind, n]) => `${kind}×${n}`).join(', ') || 'nothing';
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Stops accepting requests (new ones get 503), lets those in flight and the jobs in progress
 * finish, closes PostgreSQL and Redis, and exits 0. Nest's own enableShutdownHooks() re-raises the
 * signal at the end, which makes the exit status "killed by SIGTERM" (143) instead of 0.
 */
function onSignal(signal: NodeJS.Signals): void {
  if (stopping) return; // a second signal while stopping: already on the way out
  stopping = true;
  // Before the start completed there is nothing in progress to finish (and Nest's close() would
  // wait for a start that may be stuck, e.g. on an unreachable server).
  if (!app || !started) fail(`Stopped by ${signal} before the service had started`);
  const watchdog = setTimeout(
    () => fail(`Did not stop within ${SHUTDOWN_TIMEOUT_MS / 1000}s of ${signal}; exiting anyway (still open: ${openResources()})`),
    SHUTDOWN_TIMEOUT_MS,
  );
  app.close().then(
    () => {
      clearTimeout(watchdog);
      process.exit(0);
    },
    (error) => fail(`Error while stopping: ${describe(error)}`),
  );
}

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) fail(error.message);
    throw error;
  }
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);

  // The API alone starts without Redis (GET /health answers 503 until it is back); workers cannot.
  if (config.appRole !== 'api') await waitForRedis(config.redisUrl, REDIS_START_TIMEOUT_MS);

  if (config.appRole === 'worker') {
    app = await createWorkerContext(config);
    await app.init();
    started = true;
    process.stdout.write(`Wennuan worker started (APP_ROLE=worker)\n`);
    return;
  }
  const http = await createHttpApp(config);
  // Keep-alive connections that finish a request after SIGTERM would otherwise stay open, idle,
  // for HTTP_KEEP_ALIVE_TIMEOUT_SECONDS and hold the stop: close each one after its answer.
  http
    .getHttpAdapter()
    .getInstance()
    .addHook('onSend', (_request, reply, payload, done) => {
      if (stopping) reply.header('connection', 'close');
      done(null, payload);
    });
  app = http;
  await http.listen({ port: config.port, host: config.host });
  started = true;
  const base = config.publicBaseUrl;
  process.stdout.write(
    `Wennuan is running (APP_ROLE=${config.appRole}) on port ${config.port}\n` +
      (config.seedDemo
        ? `  Donate page:   ${base}/donate/warm-wuhan\n  Public page:   ${base}/c/warm-wuhan\n  Totals (JSON): ${base}/api/campaigns/warm-wuhan/totals\n`
        : '') +
      `  Staff console: ${base}/staff\n  API docs:      ${base}/docs\n  Health:        ${base}/health\n`,
  );
}

main().catch((error) => fail(`Failed to start: ${describe(error)}`));
