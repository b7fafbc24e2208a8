import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { PublicationCorrection, PublicationTotals } from './publication-manifest';

export interface PublicationRow {
  id: string;
  seq: number;
  as_of: Date;
  totals: PublicationTotals;
  row_count: number;
  sha256: string;
  previous_chain_sha256: string | null;
  manifest: string;
  chain_sha256: string;
  corrections: PublicationCorrection[];
  kind: 'manual' | 'scheduled' | 'final';
}

/** The donations and the disbursed sum of a campaign as of one instant; one row with null donation fields when none is paid. */
export interface SnapshotRow {
  as_of: Date;
  disbursed_fen: string;
  paid_at: Date | null;
  donor_name: string | null;
  anonymous: boolean | null;
  amount_fen: string | null;
  channel: string | null;
  donor_key: string | null;
  show_on_wall: boolean | null;
  fund_id: string | null;
}

export interface FundRow {
  id: string;
  code: string;
  name: string;
}

export interface VoidedDisbursementRow {
  id: string;
  recipient: string;
  amount_fen: string;
  disbursed_on: string;
  void_reason: string;
  voided_at: Date;
}

export interface NewPublication {
  campaignId: string;
  seq: number;
  asOf: Date;
  totals: PublicationTotals;
  rowCount: number;
  csv: Buffer;
  sha256: string;
  previousChainSha256: string | null;
  manifest: string;
  chainSha256: string;
  createdBy: string | null;
  corrections: PublicationCorrection[];
  kind: PublicationRow['kind'];
}

const COLUMNS = 'id, seq, as_of, totals, row_count, sha256, previous_chain_sha256, manifest, chain_sha256, corrections, kind';

/** SQL of the publications (捐赠数据公示) and of the ledger reads a snapshot is made from. */
@Injectable()
export class PublicationsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** One publisher per campaign at a time (until the transaction ends), so each link names the one before it. */
  async lockCampaign(m: EntityManager, campaignId: string): Promise<void> {
    await m.query(`SELECT pg_advisory_xact_lock(hashtext('publication'), hashtext($1))`, [campaignId]);
  }

  async latest(m: EntityManager, campaignId: string): Promise<{ seq: number; chain_sha256: string; as_of: Date } | undefined> {
    const rows: { seq: number; chain_sha256: string; as_of: Date }[] = await m.query(
      `SELECT seq, chain_sha256, as_of FROM publications WHERE campaign_id = $1 ORDER BY seq DESC LIMIT 1`,
      [campaignId],
    );
    return rows[0];
  }

  /** One statement, one snapshot: the paid donations (by payment time), the disbursed sum and the time they were read at. */
  snapshot(m: EntityManager, campaignId: string): Promise<SnapshotRow[]> {
    return m.query(
      `SELECT s.as_of, s.disbursed_fen, d.paid_at, d.donor_name, d.anonymous, d.amount_fen, d.channel, d.donor_key, d.show_on_wall, d.fund_id
         FROM (SELECT statement_timestamp() AS as_of,
                      (SELECT coalesce(sum(amount_fen), 0) FROM disbursements WHERE campaign_id = $1 AND voided_at IS NULL) AS disbursed_fen) s
         LEFT JOIN LATERAL (
               SELECT paid_at, donor_name, anonymous, amount_fen, channel, donor_key, show_on_wall, fund_id, id FROM donations
                WHERE campaign_id = $1 AND status = 'paid' ORDER BY paid_at, id) d ON true`,
      [campaignId],
    );
  }

  funds(m: EntityManager, campaignId: string): Promise<FundRow[]> {
    return m.query(`SELECT id, code, name FROM campaign_funds WHERE campaign_id = $1 ORDER BY position`, [campaignId]);
  }

  /** What was disbursed (not voided) from each of these funds up to `asOf`. */
  disbursedByFund(m: EntityManager, fundIds: string[], asOf: Date): Promise<{ fund_id: string; fen: string }[]> {
    return m.query(
      `SELECT fund_id, coalesce(sum(amount_fen), 0) AS fen FROM disbursements
        WHERE fund_id = ANY($1::uuid[]) AND voided_at IS NULL AND created_at <= $2 GROUP BY fund_id`,
      [fundIds, asOf],
    );
  }

  /** The campaign's disbursements voided after `since` (all of them when null) up to `asOf`, oldest first. */
  voidedDisbursements(m: EntityManager, campaignId: string, since: Date | null, asOf: Date): Promise<VoidedDisbursementRow[]> {
    return m.query(
      `SELECT id, recipient, amount_fen, to_char(disbursed_on, 'YYYY-MM-DD') AS disbursed_on, void_reason, voided_at FROM disbursements
        WHERE campaign_id = $1 AND voided_at IS NOT NULL AND voided_at <= $3 AND ($2::timestamptz IS NULL OR voided_at > $2)
        ORDER BY voided_at, id`,
      [campaignId, since, asOf],
    );
  }

  async insert(m: EntityManager, p: NewPublication): Promise<PublicationRow> {
    const [row]: PublicationRow[] = await m.query(
      `INSERT INTO publications (campaign_id, seq, as_of, totals, row_count, csv, sha256, previous_chain_sha256, manifest, chain_sha256, created_by, corrections, kind)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING ${COLUMNS}`,
      [
        p.campaignId,
        p.seq,
        p.asOf,
        JSON.stringify(p.totals),
        p.rowCount,
        p.csv,
        p.sha256,
        p.previousChainSha256,
        p.manifest,
        p.chainSha256,
        p.createdBy,
        JSON.stringify(p.corrections),
        p.kind,
      ],
    );
    return row;
  }

  /** Newest first. */
  list(campaignId: string): Promise<PublicationRow[]> {
    return this.dataSource.query(`SELECT ${COLUMNS} FROM publications WHERE campaign_id = $1 ORDER BY seq DESC`, [campaignId]);
  }

  async csv(campaignId: string, id: string): Promise<{ csv: Buffer; sha256: string; seq: number } | undefined> {
    const rows: { csv: Buffer; sha256: string; seq: number }[] = await this.dataSource.query(
      `SELECT csv, sha256, seq FROM publications WHERE campaign_id = $1 AND id = $2`,
      [campaignId, id],
    );
    return rows[0];
  }
}
