import { cliDatabaseUrl } from './config/app-config';
import { dataSourceOptions } from './database/data-source';
import { ENTITIES } from './entities';
import { DataSource } from 'typeorm';

/** For the TypeORM CLI (`npm run migration:generate`): the application's entities and migrations. */
export default new DataSource(dataSourceOptions(cliDatabaseUrl(), ENTITIES));
