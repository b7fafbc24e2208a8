import { StatementNames } from './prepared-statements';

describe('StatementNames', () => {
  const text = 'SELECT id FROM donations WHERE order_no = $1';

  it('names a text on its fifth use and keeps that name', () => {
    const names = new StatementNames(5, 256);
    expect([1, 2, 3, 4].map(() => names.nameFor(text))).toEqual([undefined, undefined, undefined, undefined]);
    const name = names.nameFor(text);
    expect(name).toMatch(/^wn\d+$/);
    expect(names.nameFor(text)).toBe(name);
    expect(names.size).toBe(1);
  });

  it('gives each text its own name', () => {
    const names = new StatementNames(1, 256);
    const a = names.nameFor('SELECT 1 WHERE $1::int > 0');
    const b = names.nameFor('SELECT 2 WHERE $1::int > 0');
    expect(a).toBeDefined();
    expect(b).toBeDefined();
    expect(a).not.toBe(b);
  });

  it('never names a statement whose result follows a table definition', () => {
    const names = new StatementNames(1, 256);
    for (const shaped of [
      'SELECT * FROM disbursement_plans WHERE id = $1',
      'select distinct * from t where a = $1',
      'INSERT INTO statement_mappings (name) VALUES ($1) RETURNING *',
      'SELECT d.* FROM donations d WHERE d.id = $1',
    ]) {
      expect([names.nameFor(shaped), names.nameFor(shaped)]).toEqual([undefined, undefined]);
    }
    expect(names.size).toBe(0);
    // count(*) is not a table's columns.
    expect(names.nameFor('SELECT count(*) FROM donations WHERE campaign_id = $1')).toBeDefined();
  });

  it('stops naming new texts at its size; the named keep their names', () => {
    const names = new StatementNames(1, 2);
    const first = names.nameFor('SELECT $1::int AS a');
    names.nameFor('SELECT $1::int AS b');
    expect(names.nameFor('SELECT $1::int AS c')).toBeUndefined();
    expect(names.nameFor('SELECT $1::int AS a')).toBe(first);
    expect(names.size).toBe(2);
  });
});
