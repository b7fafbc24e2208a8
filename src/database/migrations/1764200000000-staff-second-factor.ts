import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An optional TOTP second factor per staff account. The secret is personal data of the strongest
 * kind (it signs the account in), so it is stored only encrypted (PII cipher); an enrolment is
 * pending until its first code is confirmed. `totp_last_step` is the time step of the last code
 * accepted: a code is good once. An account has a secret exactly when it has an enrolment date.
 */
export class StaffSecondFactor1764200000000 implements MigrationInterface {
  name = 'StaffSecondFactor1764200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE staff_users
        ADD COLUMN totp_secret_enc text,
        ADD COLUMN totp_enabled_at timestamptz,
        ADD COLUMN totp_pending_secret_enc text,
        ADD COLUMN totp_last_step bigint NOT NULL DEFAULT 0,
        ADD CONSTRAINT staff_users_totp_enrolled CHECK ((totp_secret_enc IS NULL) = (totp_enabled_at IS NULL))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE staff_users
        DROP CONSTRAINT staff_users_totp_enrolled,
        DROP COLUMN totp_last_step,
        DROP COLUMN totp_pending_secret_enc,
        DROP COLUMN totp_enabled_at,
        DROP COLUMN totp_secret_enc`);
  }
}
