import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { toSafeInteger } from '../database/fen.transformer';
import type { PlanLine } from './disbursement-plan-csv';

export interface PlanRow {
  id: string;
  campaignId: string;
  fundId: string | null;
  title: string;
  totalFen: number;
  status: 'draft' | 'approved';
  approvedAt: Date | null;
  createdAt: Date;
}

export interface PlanLineRow extends PlanLine {
  disbursementId: string | null;
  paidOn: string | null;
  /** Of the paying disbursement: its bank reference, whether it has a proof (public or sealed), whether the unit confirmed it. */
  bankReference: string | null;
  proof: 'public' | 'withheld' | null;
  confirmed: boolean;
}

type RawPlan = {
  id: string;
  campaign_id: string;
  fund_id: string | null;
  title: string;
  total_fen: string;
  status: 'draft' | 'approved';
  approved_at: Date | null;
  created_at: Date;
};

const mapPlan = (r: RawPlan): PlanRow => ({
  id: r.id,
  campaignId: r.campaign_id,
  fundId: r.fund_id,
  title: r.title,
  totalFen: toSafeInteger(r.total_fen),
  status: r.status,
  approvedAt: r.approved_at,
  createdAt: r.created_at,
});

/** Plans and their lines; each paid line names the one disbursement that paid it. */
@Injectable()
export class DisbursementPlansRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async insert(m: EntityManager, plan: { campaignId: string; fundId: string | null; title: string; totalFen: number; createdBy: string }, lines: PlanLine[]) {
    const [row]: RawPlan[] = await m.query(
      `INSERT INTO disbursement_plans (campaign_id, fund_id, title, total_fen, created_by) VALUES ($1, $2, $3, $4, $5) RETURNING *`,
      [plan.campaignId, plan.fundId, plan.title, plan.totalFen, plan.createdBy],
    );
    await m.query(
      `INSERT INTO disbursement_plan_lines (plan_id, line_no, recipient, amount_fen, purpose, tier)
       SELECT $1, l.line_no, l.recipient, l.amount_fen, l.purpose, l.tier
         FROM jsonb_to_recordset($2::jsonb) AS l(line_no integer, recipient text, amount_fen bigint, purpose text, tier text)`,
      [row.id, JSON.stringify(lines.map((l) => ({ line_no: l.lineNo, recipient: l.recipient, amount_fen: l.amountFen, purpose: l.purpose, tier: l.tier })))],
    );
    return mapPlan(row);
  }

  async find(id: string, m: EntityManager = this.dataSource.manager, lock = false): Promise<PlanRow | null> {
    if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
    const [row]: RawPlan[] = await m.query(`SELECT * FROM disbursement_plans WHERE id = $1${lock ? ' FOR UPDATE' : ''}`, [id]);
    return row ? mapPlan(row) : null;
  }

  /** The code of the plan's campaign (as disbursements are recorded by it). */
  async campaignCode(campaignId: string): Promise<string> {
    const [row] = await this.dataSource.query<Array<{ code: string }>>(`SELECT code FROM campaigns WHERE id = $1`, [campaignId]);
    return row.code;
  }

  /** The code of the plan's designated fund, or null. */
  async fundCode(fundId: string): Promise<string | null> {
    const [row] = await this.dataSource.query<Array<{ code: string }>>(`SELECT code FROM campaign_funds WHERE id = $1`, [fundId]);
    return row?.code ?? null;
  }

  async forCampaign(campaignId: string): Promise<PlanRow[]> {
    const rows: RawPlan[] = await this.dataSource.query(`SELECT * FROM disbursement_plans WHERE campaign_id = $1 ORDER BY created_at`, [campaignId]);
    return rows.map(mapPlan);
  }

  async approve(m: EntityManager, id: string, actorId: string): Promise<void> {
    await m.query(`UPDATE disbursement_plans SET status = 'approved', approved_at = now(), approved_by = $2 WHERE id = $1`, [id, actorId]);
  }

  async lines(planId: string, m: EntityManager = this.dataSource.manager, lineNo?: number, lock = false): Promise<PlanLineRow[]> {
    const rows: {
      line_no: number;
      recipient: string;
      amount_fen: string;
      purpose: string;
      tier: string | null;
      disbursement_id: string | null;
      paid_on: string | null;
      bank_reference: string | null;
      proof: 'public' | 'withheld' | null;
      confirmed: boolean;
    }[] = await m.query(
      `SELECT l.line_no, l.recipient, l.amount_fen, l.purpose, l.tier, l.disbursement_id, to_char(d.disbursed_on, 'YYYY-MM-DD') AS paid_on, d.bank_reference,
              CASE WHEN d.attachment_path IS NULL THEN NULL WHEN d.attachment_sealed THEN 'withheld' ELSE 'public' END AS proof,
              dc.disbursement_id IS NOT NULL AS confirmed
         FROM disbursement_plan_lines l LEFT JOIN disbursements d ON d.id = l.disbursement_id AND d.voided_at IS NULL
         LEFT JOIN disbursement_confirmations dc ON dc.disbursement_id = d.id
        WHERE l.plan_id = $1 AND ($2::int IS NULL OR l.line_no = $2) ORDER BY l.line_no${lock ? ' FOR UPDATE OF l' : ''}`,
      [planId, lineNo ?? null],
    );
    return rows.map((r) => ({
      lineNo: r.line_no,
      recipient: r.recipient,
      amountFen: toSafeInteger(r.amount_fen),
      purpose: r.purpose,
      tier: r.tier,
      disbursementId: r.paid_on ? r.disbursement_id : null,
      paidOn: r.paid_on,
      bankReference: r.paid_on ? r.bank_reference : null,
      proof: r.paid_on ? r.proof : null,
      confirmed: r.paid_on !== null && r.confirmed,
    }));
  }

  async markPaid(m: EntityManager, planId: string, lineNo: number, disbursementId: string): Promise<void> {
    await m.query(`UPDATE disbursement_plan_lines SET disbursement_id = $3 WHERE plan_id = $1 AND line_no = $2`, [planId, lineNo, disbursementId]);
  }
}
