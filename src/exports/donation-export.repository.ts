import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { DonationExportFilter } from './donation-export.source';

/** Rows a batch of an export reads at most. */
export const BATCH = 1000;

export interface RawDonation {
  id: string;
  cursor_at: string;
  order_no: string;
  campaign_code: string;
  channel: string;
  status: string;
  amount_fen: string;
  donor_name: string | null;
  anonymous: boolean;
  phone_enc: string | null;
  bank_reference: string | null;
  created_at: Date;
  paid_at: Date | null;
  flagged_at: Date | null;
  flag_reason: string | null;
}

/** SQL of the donation export: a count, and keyset pages oldest first (created_at, id). */
@Injectable()
export class DonationExportRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  count(filter: DonationExportFilter): Promise<Array<{ n: string }>> {
    return this.dataSource.query(
      `SELECT count(*)::text AS n FROM donations d WHERE ($1::uuid IS NULL OR d.campaign_id = $1::uuid) AND ($2::text IS NULL OR d.status = $2::text)`,
      [filter.campaignId ?? null, filter.status ?? null],
    );
  }

  page(filter: DonationExportFilter, after: { at: string; id: string } | null): Promise<RawDonation[]> {
    return this.dataSource.query(
      `SELECT d.id, d.created_at::text AS cursor_at, d.order_no, c.code AS campaign_code, d.channel, d.status, d.amount_fen::text AS amount_fen,
                d.donor_name, d.anonymous, d.phone_enc, d.bank_reference, d.created_at, d.paid_at, d.flagged_at, d.flag_reason
           FROM donations d JOIN campaigns c ON c.id = d.campaign_id
          WHERE ($1::uuid IS NULL OR d.campaign_id = $1::uuid)
            AND ($2::text IS NULL OR d.status = $2::text)
            AND ($3::timestamptz IS NULL OR (d.created_at, d.id) > ($3::timestamptz, $4::uuid))
          ORDER BY d.created_at, d.id
          LIMIT ${BATCH}`,
      [filter.campaignId ?? null, filter.status ?? null, after?.at ?? null, after?.id ?? null],
    );
  }
}
