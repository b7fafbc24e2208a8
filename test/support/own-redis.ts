import { freePort, spawnRedis } from './service-process';
import { isolated, startApp, TestApp } from './test-app';

/**
 * A suite's own database and its own Redis server (a child process on a free port), with the app
 * started against both: for suites that pause, flush or kill Redis without touching anyone else.
 * The fields are set in beforeAll; read them inside tests.
 */
export function appWithOwnRedis(name: string, env: () => Record<string, string> = () => ({})) {
  const own = isolated(name);
  const ctx = {} as { t: TestApp; port: number; redis: ReturnType<typeof spawnRedis>; databaseUrl: string };
  beforeAll(async () => {
    ctx.port = await freePort();
    ctx.redis = spawnRedis(ctx.port);
    await ctx.redis.ready;
    ctx.databaseUrl = own.env.DATABASE_URL;
    ctx.t = await startApp({ ...own.env, REDIS_URL: `redis://127.0.0.1:${ctx.port}`, ...env() });
  });
  afterAll(async () => {
    await ctx.t?.close();
    await ctx.redis?.stop();
    await own.drop();
  });
  return ctx;
}
