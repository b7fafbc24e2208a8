import 'reflect-metadata';
import { DataSource, DataSourceOptions } from 'typeorm';
import { cliDatabaseUrl } from '../config/app-config';
import { ENTITIES, MIGRATIONS } from './schema';

export function dataSourceOptions(databaseUrl: string, poolSize = 20): DataSourceOptions {
  return {
    type: 'postgres',
    url: databaseUrl,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsRun: false,
    synchronize: false,
    logging: false,
    extra: { max: poolSize, connectionTimeoutMillis: 5000, statement_timeout: 30000 },
  };
}

/** For the TypeORM CLI (`npm run migration:generate`). */
export default new DataSource(dataSourceOptions(cliDatabaseUrl()));
