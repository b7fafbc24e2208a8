import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';

export interface OutboxRow {
  id: string;
  queue: string;
  job_name: string;
  payload: Record<string, unknown>;
}

/** The outbox table's SQL: rows written with the change that causes them, claimed, sent, acknowledged, pruned. */
@Injectable()
export class OutboxRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * A row in the caller's transaction (it commits or rolls back with the change). `heldForMs`: the
   * row starts claimed for that long, as if by a relay, so no relay sends it before then.
   */
  async insert(manager: EntityManager, queue: string, jobName: string, payload: Record<string, unknown>, heldForMs?: number): Promise<string> {
    const rows = await manager.query<{ id: string }[]>(
      `INSERT INTO outbox (queue, job_name, payload, claimed_until)
       VALUES ($1, $2, $3, CASE WHEN $4::int IS NULL THEN NULL ELSE now() + $4::int * interval '1 millisecond' END) RETURNING id`,
      [queue, jobName, JSON.stringify(payload), heldForMs ?? null],
    );
    return String(rows[0].id);
  }

  /**
   * How many rows of this job have `value` as the payload's `field`, in the caller's transaction:
   * sent or not, until pruned.
   */
  async countByPayloadField(manager: EntityManager, jobName: string, field: string, value: string): Promise<number> {
    const rows = await manager.query<{ n: string }[]>(`SELECT count(*) AS n FROM outbox WHERE job_name = $1 AND payload->>$2 = $3`, [jobName, field, value]);
    return Number(rows[0].n);
  }

  /**
   * Claims up to `limit` rows waiting to be sent for `leaseMs`, in one statement that commits at
   * once: nothing stays locked while they are sent. Rows claimed by another relay are skipped
   * until its lease is over. In id order.
   */
  async claimPending(limit: number, leaseMs: number): Promise<OutboxRow[]> {
    // UPDATE … RETURNING comes back from TypeORM as [rows, affected].
    const [rows] = await this.dataSource.query<[OutboxRow[], number]>(
      `UPDATE outbox o SET claimed_until = now() + $2 * interval '1 millisecond'
       FROM (SELECT id FROM outbox WHERE dispatched_at IS NULL AND (claimed_until IS NULL OR claimed_until < now())
             ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED) c
       WHERE o.id = c.id
       RETURNING o.id, o.queue, o.job_name, o.payload`,
      [limit, leaseMs],
    );
    return rows.map((r) => ({ ...r, id: String(r.id) })).sort((a, b) => Number(BigInt(a.id) - BigInt(b.id)));
  }

  async markDispatched(ids: string[]): Promise<void> {
    if (ids.length === 0) return;
    await this.dataSource.query(`UPDATE outbox SET dispatched_at = now(), claimed_until = NULL WHERE id = ANY($1::bigint[])`, [ids]);
  }

  /** A send that failed: counted, its error kept, the claim released so the next pass tries again. */
  async markFailed(ids: string[], error: string): Promise<void> {
    if (ids.length === 0) return;
    await this.dataSource.query(`UPDATE outbox SET attempts = attempts + 1, last_error = $2, claimed_until = NULL WHERE id = ANY($1::bigint[])`, [
      ids,
      error.slice(0, 500),
    ]);
  }

  /** Rows claimed but not tried (Redis stopped answering earlier in the pass): back in line, nothing counted. */
  async release(ids: string[]): Promise<void> {
    if (ids.length === 0) return;
    await this.dataSource.query(`UPDATE outbox SET claimed_until = NULL WHERE id = ANY($1::bigint[])`, [ids]);
  }

  /** Dispatched rows whose job has not been seen to finish, older than `olderThanMs` (read without locks). */
  async unacknowledged(olderThanMs: number, limit: number): Promise<{ id: string; queue: string }[]> {
    const rows = await this.dataSource.query<{ id: string; queue: string }[]>(
      `SELECT id, queue FROM outbox
       WHERE dispatched_at IS NOT NULL AND acknowledged_at IS NULL AND dispatched_at < now() - $1 * interval '1 millisecond'
       ORDER BY id LIMIT $2`,
      [olderThanMs, limit],
    );
    return rows.map((r) => ({ id: String(r.id), queue: r.queue }));
  }

  async acknowledge(ids: string[]): Promise<void> {
    if (ids.length === 0) return;
    await this.dataSource.query(`UPDATE outbox SET acknowledged_at = now() WHERE id = ANY($1::bigint[]) AND acknowledged_at IS NULL`, [ids]);
  }

  async acknowledgeJobs(ids: string[], queue: string): Promise<void> {
    if (ids.length === 0) return;
    await this.dataSource.query(`UPDATE outbox SET acknowledged_at = now() WHERE id = ANY($1::bigint[]) AND queue = $2 AND acknowledged_at IS NULL`, [
      ids,
      queue,
    ]);
  }

  /** Rows whose job Redis no longer holds go back in line (unless acknowledged meanwhile). Returns how many. */
  async putBack(ids: string[]): Promise<number> {
    if (ids.length === 0) return 0;
    const [, affected] = await this.dataSource.query<[unknown[], number]>(
      `UPDATE outbox SET dispatched_at = NULL, last_error = 'job lost by Redis; sent again'
       WHERE id = ANY($1::bigint[]) AND dispatched_at IS NOT NULL AND acknowledged_at IS NULL`,
      [ids],
    );
    return affected;
  }

  /** Deletes up to `limit` rows acknowledged before `before`; returns how many. */
  async pruneAcknowledged(before: Date, limit: number): Promise<number> {
    const [, affected] = await this.dataSource.query<[unknown[], number]>(
      `DELETE FROM outbox WHERE id IN (SELECT id FROM outbox WHERE acknowledged_at < $1 ORDER BY acknowledged_at LIMIT $2)`,
      [before, limit],
    );
    return affected;
  }
}
