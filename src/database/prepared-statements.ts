import pg, { Client } from 'pg';

/**
 * Server-side prepared statements for the statements a process runs often, the way PgJDBC does it
 * (`prepareThreshold` 5, a cache of 256 statements). Every repository keeps writing plain
 * parameterised SQL through TypeORM; the pool's connections (pg-pool's `Client` option, set in
 * dataSourceOptions) name a statement once its text has been run PREPARE_AFTER times in this
 * process. PostgreSQL then parses, analyses and plans it once per connection instead of on every
 * execution: on the intake path (the order's INSERT, the settling CTE, the counters, the log row)
 * that was about 30% of PostgreSQL's CPU per donation (docs/BENCHMARKS.md, 2026-12-04).
 *
 * Not named, so sent as before: statements without parameters (BEGIN, COMMIT, SET LOCAL, DDL),
 * statements whose result columns follow a table's definition (`SELECT *`, `RETURNING *`, `x.*`),
 * because a prepared statement whose row type changes under a migration fails with "cached plan
 * must not change result type" in the processes still running, and every text beyond the cache's
 * size. Named statements live as long as their connection; PostgreSQL re-plans them by itself after
 * DDL on the tables they use.
 */
export const PREPARE_AFTER = 5;
export const MAX_PREPARED = 256;
/** Texts counted but not yet named; beyond this many, new texts are no longer counted. */
const MAX_COUNTED = 4096;

const TABLE_SHAPED_RESULT = /\bSELECT\s+(DISTINCT\s+)?\*|\bRETURNING\s+\*|\w\.\*/i;

export class StatementNames {
  /** Text → its name; '' for a text that is never prepared (its result follows a table's columns). */
  private readonly names = new Map<string, string>();
  private readonly uses = new Map<string, number>();
  private prepared = 0;

  constructor(
    private readonly prepareAfter = PREPARE_AFTER,
    private readonly maxPrepared = MAX_PREPARED,
  ) {}

  /** The name to prepare `text` under, or undefined to send it unnamed this time. */
  nameFor(text: string): string | undefined {
    const known = this.names.get(text);
    if (known !== undefined) return known || undefined;
    if (this.prepared >= this.maxPrepared) return undefined;
    const used = (this.uses.get(text) ?? 0) + 1;
    if (used < this.prepareAfter) {
      if (used > 1 || this.uses.size < MAX_COUNTED) this.uses.set(text, used);
      return undefined;
    }
    this.uses.delete(text);
    if (TABLE_SHAPED_RESULT.test(text)) {
      this.names.set(text, '');
      return undefined;
    }
    const name = `wn${++this.prepared}`;
    this.names.set(text, name);
    return name;
  }

  /** How many texts have a name. */
  get size(): number {
    return this.prepared;
  }
}

/** One process's names: a name is the same text on every connection that prepared it. */
export const statementNames = new StatementNames();

/** pg's own conversion of a parameter to what it sends (it is exported, though not in its types). */
const { utils } = pg as unknown as { utils: { prepareValue: (value: unknown) => unknown } };

/**
 * pg's Client, preparing the statements `statementNames` names; everything else is pg's own query.
 * A named statement's values are converted before pg sees them: when pg's own conversion throws
 * (a BigInt or a cycle in a JSON value) after the statement was parsed, pg closes the statement on
 * the server but still believes it parsed, and every later use on that connection would fail with
 * "prepared statement does not exist". Converted first, such a value fails before anything is sent.
 */
export class PreparingClient extends Client {}

PreparingClient.prototype.query = function (this: Client, ...args: unknown[]): unknown {
  const [text, values, callback] = args;
  if (typeof text === 'string' && Array.isArray(values) && values.length > 0 && callback === undefined) {
    const name = statementNames.nameFor(text);
    if (name !== undefined) {
      let sent: unknown[];
      try {
        sent = values.map((value) => utils.prepareValue(value));
      } catch (error) {
        return Promise.reject(error instanceof Error ? error : new Error(String(error)));
      }
      args = [{ name, text }, sent];
    }
  }
  return (Client.prototype.query as (...a: unknown[]) => unknown).apply(this, args);
} as unknown as Client['query'];
