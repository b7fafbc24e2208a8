import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { Client } from 'pg';

/**
 * Every test run gets its own PostgreSQL database and its own Redis key prefix, named after
 * the run, so runs never see each other's rows and a crashed run leaves nothing that the next
 * one trips over. The base server comes from DATABASE_URL / REDIS_URL like the service.
 */
export default async function globalSetup(): Promise<void> {
  // The staff console's bundle is build output (templates/console-build/): built fresh for every run.
  execFileSync(process.execPath, [join(__dirname, '..', 'scripts', 'build-console.mjs'), '--quiet'], { stdio: 'inherit' });
  const base = new URL(process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/wennuan');
  // Short enough that the longest isolated name (12) keeps the Redis prefix within 40 characters for any pid.
  const runId = `${Date.now().toString(36)}_${process.pid.toString(36)}`;
  const database = `wennuan_test_${runId}`;

  const admin = new URL(base.toString());
  admin.pathname = '/postgres';
  const client = new Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE "${database}"`);
  } finally {
    await client.end();
  }
  base.pathname = `/${database}`;
  // Jest starts its workers after global setup, and they inherit this environment.
  process.env.WENNUAN_TEST_DATABASE_URL = base.toString();
  process.env.WENNUAN_TEST_ADMIN_URL = admin.toString();
  process.env.WENNUAN_TEST_DATABASE = database;
  process.env.WENNUAN_TEST_REDIS_PREFIX = `wennuan-test-${runId}`;
}
