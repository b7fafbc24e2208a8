import 'reflect-metadata';
import { Client } from 'pg';
import { DataSource, DataSourceOptions } from 'typeorm';
import { PreparingClient } from './prepared-statements';
import { MIGRATIONS } from './schema';

/** The entities the application maps (src/entities.ts lists them: the database set-up knows no feature). */
export type EntityList = NonNullable<DataSourceOptions['entities']>;

export function dataSourceOptions(databaseUrl: string, entities: EntityList, poolSize = 20): DataSourceOptions {
  return {
    type: 'postgres',
    url: databaseUrl,
    entities,
    migrations: MIGRATIONS,
    migrationsRun: false,
    synchronize: false,
    logging: false,
    // Client: the pool's connections prepare the statements a process runs often (prepared-statements.ts).
    extra: { max: poolSize, connectionTimeoutMillis: 5000, statement_timeout: 30000, Client: PreparingClient },
  };
}

/** Creates the database named in the URL when it does not exist yet (idempotent under races). */
export async function ensureDatabase(databaseUrl: string): Promise<void> {
  const url = new URL(databaseUrl);
  const name = decodeURIComponent(url.pathname.replace(/^\//, ''));
  const probe = new Client({ connectionString: databaseUrl });
  try {
    await probe.connect();
    return;
  } catch (error) {
    if ((error as { code?: string }).code !== '3D000') throw error;
  } finally {
    await probe.end().catch(() => undefined);
  }
  url.pathname = '/postgres';
  const admin = new Client({ connectionString: url.toString() });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${name.replace(/"/g, '""')}"`);
  } catch (error) {
    // 42P04: another process created it first.
    if ((error as { code?: string }).code !== '42P04') throw error;
  } finally {
    await admin.end();
  }
}

const MIGRATION_LOCK = 7_202_002;

/** Runs pending migrations under an advisory lock, so many processes can start at once. */
export async function runMigrations(dataSource: DataSource): Promise<void> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    await dataSource.runMigrations({ transaction: 'each' });
  } finally {
    await runner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
    await runner.release();
  }
}
