import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Disbursement plans (逐级拨付逐级公布): a plan names every recipient unit with its amount; it adds up
 * to its total (checked in code and here), is approved, and each line is paid by one disbursement.
 */
export class DisbursementPlans1764500002000 implements MigrationInterface {
  name = 'DisbursementPlans1764500002000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE disbursement_plans (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        campaign_id uuid NOT NULL REFERENCES campaigns(id),
        fund_id uuid,
        title text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
        total_fen bigint NOT NULL CHECK (total_fen > 0),
        status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'approved')),
        created_by uuid REFERENCES staff_users(id),
        approved_by uuid REFERENCES staff_users(id),
        approved_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT disbursement_plans_fund_fkey FOREIGN KEY (fund_id, campaign_id) REFERENCES campaign_funds (id, campaign_id),
        CHECK ((status = 'approved') = (approved_at IS NOT NULL))
      )`);
    await q.query(`
      CREATE TABLE disbursement_plan_lines (
        plan_id uuid NOT NULL REFERENCES disbursement_plans(id),
        line_no integer NOT NULL CHECK (line_no >= 1),
        recipient text NOT NULL CHECK (length(recipient) BETWEEN 1 AND 200),
        amount_fen bigint NOT NULL CHECK (amount_fen > 0),
        purpose text NOT NULL CHECK (length(purpose) BETWEEN 1 AND 500),
        disbursement_id uuid CONSTRAINT disbursement_plan_lines_disbursement_key UNIQUE REFERENCES disbursements(id),
        PRIMARY KEY (plan_id, line_no)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE disbursement_plan_lines`);
    await q.query(`DROP TABLE disbursement_plans`);
  }
}
