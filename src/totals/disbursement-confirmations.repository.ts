import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { toSafeInteger } from '../database/fen.transformer';

export interface PaymentConfirmation {
  confirmedBy: string;
  receivedAt: Date;
  amountReceivedFen: number;
  note: string | null;
  createdAt: Date;
}

export interface ConfirmablePayment {
  id: string;
  campaignId: string;
  campaignCode: string;
  campaignTitle: string;
  recipient: string;
  purpose: string;
  amountFen: number;
  date: string;
  createdAt: Date;
  voided: boolean;
  confirmation: PaymentConfirmation | null;
}

type RawConfirmation = { confirmed_by: string; received_at: Date; amount_received_fen: string; note: string | null; confirmed_at: Date };

const mapConfirmation = (r: RawConfirmation): PaymentConfirmation => ({
  confirmedBy: r.confirmed_by,
  receivedAt: r.received_at,
  amountReceivedFen: toSafeInteger(r.amount_received_fen),
  note: r.note,
  createdAt: r.confirmed_at,
});

/** The recipient units' confirmations of cash disbursements, one per disbursement. */
@Injectable()
export class DisbursementConfirmationsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async find(id: string): Promise<ConfirmablePayment | null> {
    const [r]: (RawConfirmation & {
      id: string;
      campaign_id: string;
      code: string;
      title: string;
      recipient: string;
      purpose: string;
      amount_fen: string;
      date: string;
      created_at: Date;
      voided_at: Date | null;
    })[] = await this.dataSource.query(
      `SELECT d.id, d.campaign_id, c.code, c.title, d.recipient, d.purpose, d.amount_fen, to_char(d.disbursed_on, 'YYYY-MM-DD') AS date, d.created_at,
              d.voided_at, dc.confirmed_by, dc.received_at, dc.amount_received_fen, dc.note, dc.created_at AS confirmed_at
         FROM disbursements d JOIN campaigns c ON c.id = d.campaign_id
         LEFT JOIN disbursement_confirmations dc ON dc.disbursement_id = d.id
        WHERE d.id = $1`,
      [id],
    );
    if (!r) return null;
    return {
      id: r.id,
      campaignId: r.campaign_id,
      campaignCode: r.code,
      campaignTitle: r.title,
      recipient: r.recipient,
      purpose: r.purpose,
      amountFen: toSafeInteger(r.amount_fen),
      date: r.date,
      createdAt: r.created_at,
      voided: r.voided_at !== null,
      confirmation: r.confirmed_by ? mapConfirmation(r) : null,
    };
  }

  /** The confirmations of a campaign's disbursements, by disbursement id. */
  async forCampaign(campaignId: string): Promise<Map<string, PaymentConfirmation>> {
    const rows: (RawConfirmation & { disbursement_id: string })[] = await this.dataSource.query(
      `SELECT dc.disbursement_id, dc.confirmed_by, dc.received_at, dc.amount_received_fen, dc.note, dc.created_at AS confirmed_at
         FROM disbursement_confirmations dc JOIN disbursements d ON d.id = dc.disbursement_id
        WHERE d.campaign_id = $1`,
      [campaignId],
    );
    return new Map(rows.map((r) => [r.disbursement_id, mapConfirmation(r)]));
  }

  /** Inserts the confirmation; false when the disbursement already has one (a double submit). */
  async insert(c: { disbursementId: string; confirmedBy: string; receivedAt: Date; amountReceivedFen: number; note: string | null }): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query(
      `INSERT INTO disbursement_confirmations (disbursement_id, confirmed_by, received_at, amount_received_fen, note) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (disbursement_id) DO NOTHING RETURNING 1`,
      [c.disbursementId, c.confirmedBy, c.receivedAt, c.amountReceivedFen, c.note],
    );
    return rows.length > 0;
  }
}
