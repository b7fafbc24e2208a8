import { DataSource, QueryRunner } from 'typeorm';
import { dataSourceOptions } from '../src/database/data-source';
import { PREPARE_AFTER } from '../src/database/prepared-statements';
import { isolated } from './support/test-app';

/**
 * The application's pool (dataSourceOptions) prepares, on the server, the statements a process runs
 * often: PostgreSQL's own view of the connection (pg_prepared_statements) shows which it holds and
 * how often each plan was reused. TypeORM's query() is the path, as in every repository.
 */
describe('prepared statements on the application pool', () => {
  const own = isolated('prepared_stmts');
  let ds: DataSource;
  let runner: QueryRunner;

  /** What this connection has prepared (the query has no parameters, so is never prepared itself). */
  const prepared = async (): Promise<Array<{ name: string; statement: string; uses: number }>> =>
    runner.query(`SELECT name, statement, (generic_plans + custom_plans)::int AS uses FROM pg_prepared_statements ORDER BY name`);

  beforeAll(async () => {
    await own.create();
    ds = await new DataSource(dataSourceOptions(own.env.DATABASE_URL, [], 2)).initialize();
    runner = ds.createQueryRunner();
    await runner.query(`CREATE TABLE orders (id serial PRIMARY KEY, order_no text NOT NULL UNIQUE, amount_fen bigint NOT NULL)`);
  });

  afterAll(async () => {
    await runner?.release();
    await ds?.destroy();
    await own.drop();
  });

  it('prepares a parameterised statement once it has run PREPARE_AFTER times, and reuses it', async () => {
    const insert = 'INSERT INTO orders (order_no, amount_fen) VALUES ($1, $2) RETURNING id, amount_fen';
    for (let i = 1; i < PREPARE_AFTER; i++) await runner.query(insert, [`W${i}`, i * 100]);
    expect((await prepared()).filter((p) => p.statement === insert)).toEqual([]);

    const rows: Array<{ amount_fen: string }>[] = [];
    for (let i = PREPARE_AFTER; i < PREPARE_AFTER + 4; i++) rows.push(await runner.query(insert, [`W${i}`, i * 100]));
    // The same answers as before it was prepared.
    expect(rows.map((r) => r[0].amount_fen)).toEqual([0, 1, 2, 3].map((k) => String((PREPARE_AFTER + k) * 100)));
    const held = (await prepared()).filter((p) => p.statement === insert);
    expect(held).toHaveLength(1);
    expect(held[0].name).toMatch(/^wn\d+$/);
    // Parsed once, executed four times on this connection.
    expect(held[0].uses).toBe(4);
    const [{ count }] = await runner.query(`SELECT count(*)::int AS count FROM orders`);
    expect(count).toBe(PREPARE_AFTER + 3);
  });

  it('a prepared statement that fails leaves the transaction to roll back and works afterwards', async () => {
    const update = 'UPDATE orders SET amount_fen = amount_fen / $2 WHERE order_no = $1';
    for (let i = 0; i < PREPARE_AFTER; i++) await runner.query(update, ['W1', 1]);
    await runner.startTransaction();
    await expect(runner.query(update, ['W1', 0])).rejects.toThrow(/division by zero/);
    await runner.rollbackTransaction();
    await runner.query(update, ['W1', 2]);
    const [{ amount_fen }] = await runner.query(`SELECT amount_fen FROM orders WHERE order_no = 'W1'`);
    expect(amount_fen).toBe('50');
    expect((await prepared()).filter((p) => p.statement === update)).toHaveLength(1);
  });

  it('a value pg cannot send leaves the prepared statement usable on that connection', async () => {
    const select = 'SELECT $1::jsonb AS doc, $2::int AS n';
    for (let i = 0; i < PREPARE_AFTER; i++) await runner.query(select, [{ i }, i]);
    // JSON.stringify throws on a BigInt: pg gives up before Bind, and closes the statement it bound to.
    await expect(runner.query(select, [{ big: 1n }, 1])).rejects.toThrow(/BigInt/);
    const [row] = await runner.query(select, [{ ok: true }, 7]);
    expect(row).toEqual({ doc: { ok: true }, n: 7 });
  });

  it('leaves unprepared what has no parameters and what returns a table-shaped row', async () => {
    const star = 'SELECT * FROM orders WHERE order_no = $1';
    const plain = `SELECT count(*) AS n FROM orders WHERE order_no LIKE 'W%'`;
    for (let i = 0; i < PREPARE_AFTER * 2; i++) {
      expect(await runner.query(star, ['W2'])).toHaveLength(1);
      await runner.query(plain);
    }
    const statements = (await prepared()).map((p) => p.statement);
    expect(statements).not.toContain(star);
    expect(statements).not.toContain(plain);
    // A migration adding a column does not break the table-shaped statement (a prepared one would
    // fail with "cached plan must not change result type").
    await runner.query(`ALTER TABLE orders ADD COLUMN note text`);
    expect(Object.keys((await runner.query(star, ['W2']))[0])).toContain('note');
  });
});
