import { MigrationInterface, QueryRunner } from 'typeorm';

/** Issue 21 (donors): "查询我的捐赠" finds a donor's receipt requests by the keyed hash of the email address they gave. */
export class DonorLookups1765300000000 implements MigrationInterface {
  name = 'DonorLookups1765300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX receipt_requests_email_hash_idx ON receipt_requests (email_hash)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX receipt_requests_email_hash_idx`);
  }
}
