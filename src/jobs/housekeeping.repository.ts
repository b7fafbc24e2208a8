import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

/** Rows deleted per statement: old rows go in short transactions, never one long lock. */
const BATCH = 5000;

/** The SQL of the housekeeping jobs: old notification log rows, and the screenshots stored requests name. */
@Injectable()
export class HousekeepingRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Deletes notification log rows received before `before` (verified ones or the others); returns how many. */
  async deleteNotifications(verified: boolean, before: Date): Promise<number> {
    let total = 0;
    for (;;) {
      const [, count] = await this.dataSource.query<[unknown, number]>(
        `DELETE FROM payment_notifications
          WHERE id IN (SELECT id FROM payment_notifications WHERE signature_valid = $1 AND received_at < $2 ORDER BY id LIMIT $3)`,
        [verified, before, BATCH],
      );
      total += count;
      if (count < BATCH) return total;
    }
  }

  /** Whether any stored receipt request names this screenshot file. */
  async screenshotReferenced(path: string): Promise<boolean> {
    const rows = await this.dataSource.query<unknown[]>(`SELECT 1 FROM receipt_requests WHERE screenshot_path = $1 LIMIT 1`, [path]);
    return rows.length > 0;
  }
}
