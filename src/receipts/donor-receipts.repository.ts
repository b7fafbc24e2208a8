import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

/** A receipt request made with an email address, as its donor may see it again. */
export interface DonorRequestRow {
  request_id: string;
  status: string;
  amount_fen: number;
  name: string;
  donor_type: string;
  created_at: Date;
  campaign_code: string;
  campaign_title: string;
  order_nos: string[];
  receipt_no: string | null;
  pdf_ready: boolean;
}

/** SQL of the donor's own look-ups: a gift by its claim token, and the requests an email address made. */
@Injectable()
export class DonorReceiptsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The donation of an order number, with the keyed hash of its claim token. */
  async donationClaim(orderNo: string): Promise<{ id: string; claimTokenHash: string | null } | null> {
    const rows: { id: string; claim_token_hash: string | null }[] = await this.dataSource.query(
      `SELECT id, claim_token_hash FROM donations WHERE order_no = $1`,
      [orderNo],
    );
    return rows.length === 0 ? null : { id: rows[0].id, claimTokenHash: rows[0].claim_token_hash };
  }

  /** The live (issued) receipt listing this donation, alone or among the gifts of a combined one. */
  async issuedReceiptOf(donationId: string): Promise<string | null> {
    const rows: { receipt_no: string }[] = await this.dataSource.query(
      `SELECT r.receipt_no
         FROM receipt_gifts g JOIN receipts r ON r.id = g.receipt_id
        WHERE g.donation_id = $1 AND g.live AND r.status = 'issued'
        ORDER BY r.issued_at DESC
        LIMIT 1`,
      [donationId],
    );
    return rows[0]?.receipt_no ?? null;
  }

  /** Whether any receipt request was made with this email address (keyed hash). */
  async emailKnown(emailHash: string): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query(`SELECT 1 FROM receipt_requests WHERE email_hash = $1 LIMIT 1`, [emailHash]);
    return rows.length > 0;
  }

  /** The requests made with this email address, newest first, each with its issued receipt if any. */
  async requestsByEmail(emailHash: string, limit = 100): Promise<DonorRequestRow[]> {
    const rows: DonorRequestRow[] = await this.dataSource.query(
      `SELECT rr.id AS request_id, rr.status, rr.amount_fen, rr.name, rr.donor_type, rr.created_at,
              c.code AS campaign_code, c.title AS campaign_title,
              COALESCE((SELECT array_agg(g.order_no ORDER BY g.position) FROM receipt_request_gifts g WHERE g.request_id = rr.id),
                       CASE WHEN rr.order_no IS NULL THEN ARRAY[]::text[] ELSE ARRAY[rr.order_no] END) AS order_nos,
              r.receipt_no, (r.pdf_path IS NOT NULL) AS pdf_ready
         FROM receipt_requests rr
         JOIN campaigns c ON c.id = rr.campaign_id
         LEFT JOIN LATERAL (
           SELECT receipt_no, pdf_path FROM receipts WHERE request_id = rr.id AND status = 'issued' ORDER BY issued_at DESC LIMIT 1
         ) r ON true
        WHERE rr.email_hash = $1
        ORDER BY rr.created_at DESC
        LIMIT $2`,
      [emailHash, limit],
    );
    return rows.map((row) => ({ ...row, amount_fen: Number(row.amount_fen), pdf_ready: row.pdf_ready === true }));
  }

  /** Whether this issued receipt answers a request made with this email address. */
  async receiptOfEmail(receiptNo: string, emailHash: string): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query(
      `SELECT 1 FROM receipts r JOIN receipt_requests rr ON rr.id = r.request_id
        WHERE r.receipt_no = $1 AND r.status = 'issued' AND rr.email_hash = $2`,
      [receiptNo, emailHash],
    );
    return rows.length > 0;
  }
}
