import Redis from 'ioredis';
import { Client } from 'pg';

/** Drops the run's database and deletes its Redis keys; KEEP_TEST_DB=true keeps them to inspect. */
export default async function globalTeardown(): Promise<void> {
  if (process.env.KEEP_TEST_DB === 'true') return;
  const database = process.env.WENNUAN_TEST_DATABASE;
  const adminUrl = process.env.WENNUAN_TEST_ADMIN_URL;
  if (database && adminUrl) {
    const client = new Client({ connectionString: adminUrl });
    await client.connect();
    try {
      const own = await client.query(`SELECT datname FROM pg_database WHERE datname = $1 OR datname LIKE $2`, [database, `${database}\\_%`]);
      for (const { datname } of own.rows) await client.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
    } finally {
      await client.end();
    }
  }
  const prefix = process.env.WENNUAN_TEST_REDIS_PREFIX;
  if (prefix) {
    const redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', { lazyConnect: true });
    await redis.connect();
    try {
      let cursor = '0';
      do {
        const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
        cursor = next;
        if (keys.length) await redis.unlink(...keys);
      } while (cursor !== '0');
    } finally {
      redis.disconnect();
    }
  }
}
