import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../src/database/data-source';
import { ENTITIES } from '../src/entities';
import { isolated } from './support/test-app';

/**
 * The entities and the hand-written migrations describe the same schema. A fresh database is
 * migrated, and TypeORM's schema builder (what `migration:generate` writes) is asked what it would
 * change to make the database match the entities.
 *
 * Tables, columns, types, nullability, defaults and the one relation the entities declare must
 * match exactly: a generated migration may contain nothing about them. The rules of the ledger
 * (CHECK constraints, foreign keys, unique and partial indexes) are written once, in the
 * migrations, and the entities do not restate them; the builder, which knows only the entities,
 * would drop them. Those drops are the only statements allowed, and only of objects the
 * migrations named (lower-case names; TypeORM's own are `FK_…`, `IDX_…`, `UQ_…`, `CHK_…`).
 */
describe('schema drift: entities against migrations', () => {
  const own = isolated('schema_drift');
  let ds: DataSource;

  beforeAll(async () => {
    await own.create();
    ds = new DataSource(dataSourceOptions(own.env.DATABASE_URL, ENTITIES, 2));
    await ds.initialize();
    await ds.runMigrations({ transaction: 'each' });
  });

  afterAll(async () => {
    await ds?.destroy();
    await own.drop();
  });

  it('a generated migration would change no table, column, type, default or declared relation', async () => {
    const { upQueries } = await ds.driver.createSchemaBuilder().log();
    const statements = upQueries.map((q) => q.query);
    const migrationOwnedDrop = /^(ALTER TABLE "[a-z_]+" DROP CONSTRAINT "[a-z0-9_]+"|DROP INDEX "public"\."[a-z0-9_]+")$/;
    expect(statements.filter((s) => !migrationOwnedDrop.test(s))).toEqual([]);
    // Every drop it proposes names an object that the migrations made and that exists.
    const named = statements.map((s) => /"([a-z0-9_]+)"$/.exec(s)?.[1]);
    const existing = await ds.query<{ name: string }[]>(
      `SELECT conname AS name FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace WHERE n.nspname = 'public'
       UNION SELECT indexname FROM pg_indexes WHERE schemaname = 'public'`,
    );
    const names = new Set(existing.map((r) => r.name));
    expect(named.filter((n) => !n || !names.has(n))).toEqual([]);
  });

  it('every entity maps to a table the migrations created, and every column to one of its columns', async () => {
    const columns = await ds.query<{ table_name: string; column_name: string }[]>(
      `SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = 'public'`,
    );
    const have = new Set(columns.map((c) => `${c.table_name}.${c.column_name}`));
    const missing = ds.entityMetadatas.flatMap((m) => m.columns.map((c) => `${m.tableName}.${c.databaseName}`)).filter((c) => !have.has(c));
    expect(missing).toEqual([]);
  });
});
