import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A receiving unit confirms what arrived, from the delivery note's QR code (a signed link, no
 * account): who signed, when, the quantities received, a note. One confirmation per distribution.
 */
export class DeliveryConfirmations1764500003000 implements MigrationInterface {
  name = 'DeliveryConfirmations1764500003000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE delivery_confirmations (
        distribution_id uuid PRIMARY KEY REFERENCES distributions(id),
        confirmed_by text NOT NULL CHECK (length(confirmed_by) BETWEEN 1 AND 50),
        received_at timestamptz NOT NULL,
        quantities jsonb NOT NULL CHECK (jsonb_typeof(quantities) = 'array'),
        note text CHECK (length(note) <= 500),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE delivery_confirmations`);
  }
}
