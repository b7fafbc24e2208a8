import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { Receipt } from './receipt.entity';

/** A record's void: who, when and why (the official receipt and the donor's mail are the caller's). */
export interface ReceiptVoid {
  voidedAt: Date;
  voidReason: string;
  voidedBy: string | null;
}

/** A record as the staff search lists it. */
export interface ReceiptSearchRow {
  receiptNo: string;
  status: string;
  campaignCode: string;
  orderNo: string | null;
  donorName: string;
  invoiceTitle: string;
  amountFen: number;
  issuedAt: Date;
  emailedAt: Date | null;
}

/** An aggregate record found by the order number of one of its gifts. */
const GIFT_ORDER_IS_Q = `EXISTS (SELECT 1 FROM receipt_gifts g JOIN donations gd ON gd.id = g.donation_id WHERE g.receipt_id = r.id AND gd.order_no = :q)`;

/**
 * Receipt records (`receipts`): reads, locks, voids and the mail claims. Numbering a record and
 * recording its PDF are receiptIssuing's (receipt-issuing.repository), send numbers receiptSends'.
 */
@Injectable()
export class ReceiptsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  findById(id: string, manager: EntityManager = this.dataSource.manager): Promise<Receipt | null> {
    return manager.getRepository(Receipt).findOneBy({ id });
  }

  getById(id: string, manager: EntityManager = this.dataSource.manager): Promise<Receipt> {
    return manager.getRepository(Receipt).findOneByOrFail({ id });
  }

  findByReceiptNo(receiptNo: string): Promise<Receipt | null> {
    return this.dataSource.getRepository(Receipt).findOneBy({ receiptNo });
  }

  /** The record, locked (FOR UPDATE) until the caller's transaction ends; null when there is none. */
  lockByReceiptNo(manager: EntityManager, receiptNo: string): Promise<Receipt | null> {
    return manager.getRepository(Receipt).findOne({ where: { receiptNo }, lock: { mode: 'pessimistic_write' } });
  }

  findByIssueKey(issueKey: string, manager: EntityManager = this.dataSource.manager): Promise<Receipt | null> {
    return manager.getRepository(Receipt).findOneBy({ issueKey });
  }

  /** The record that replaces this one (its reissue), or null. */
  findReplacementOf(receiptId: string): Promise<Receipt | null> {
    return this.dataSource.getRepository(Receipt).findOneBy({ replacesReceiptId: receiptId });
  }

  /** The request's latest record, or its latest live one (`status: 'issued'`). */
  latestOfRequest(requestId: string, options: { status?: 'issued'; manager?: EntityManager } = {}): Promise<Receipt | null> {
    const where = options.status ? { requestId, status: options.status } : { requestId };
    return (options.manager ?? this.dataSource.manager).getRepository(Receipt).findOne({ where, order: { createdAt: 'DESC' } });
  }

  /** Is there a live (issued) single record of this donation, or of this gift of goods? */
  existsIssued(manager: EntityManager, of: { donationId: string } | { inKindDonationId: string }): Promise<boolean> {
    return manager.getRepository(Receipt).exists({ where: { ...of, status: 'issued' } });
  }

  /** The live records among these, locked (FOR UPDATE) until the caller's transaction ends. */
  lockIssued(manager: EntityManager, ids: string[]): Promise<Receipt[]> {
    return manager.getRepository(Receipt).find({ where: { id: In(ids), status: 'issued' }, lock: { mode: 'pessimistic_write' } });
  }

  async markVoided(manager: EntityManager, id: string, v: ReceiptVoid): Promise<void> {
    await manager.update(Receipt, { id }, { status: 'voided', voidedAt: v.voidedAt, voidReason: v.voidReason, voidedBy: v.voidedBy });
  }

  /** The staff search: the latest 200 records of the filters; `q` is a record's number, an order's, or part of a name or title. */
  async search(query: { campaignCode?: string; status?: 'issued' | 'voided'; q?: string }): Promise<ReceiptSearchRow[]> {
    const qb = this.dataSource
      .getRepository(Receipt)
      .createQueryBuilder('r')
      .innerJoin('campaigns', 'c', 'c.id = r.campaign_id')
      .leftJoin('donations', 'd', 'd.id = r.donation_id')
      .select([
        'r.receipt_no AS "receiptNo"',
        'r.status AS status',
        'c.code AS "campaignCode"',
        'd.order_no AS "orderNo"',
        'r.donor_name AS "donorName"',
        'r.invoice_title AS "invoiceTitle"',
        'r.amount_fen AS "amountFen"',
        'r.issued_at AS "issuedAt"',
        'r.emailed_at AS "emailedAt"',
      ])
      .orderBy('r.issued_at', 'DESC')
      .limit(200);
    if (query.campaignCode) qb.andWhere('c.code = :code', { code: query.campaignCode });
    if (query.status) qb.andWhere('r.status = :status', { status: query.status });
    if (query.q) {
      const like = `%${query.q.replace(/[\\%_]/g, '\\$&')}%`;
      qb.andWhere(
        `(r.receipt_no = :q OR d.order_no = :q OR ${GIFT_ORDER_IS_Q} OR r.donor_name ILIKE :like ESCAPE '\\' OR r.invoice_title ILIKE :like ESCAPE '\\')`,
        {
          q: query.q,
          like,
        },
      );
    }
    const rows: (Omit<ReceiptSearchRow, 'amountFen'> & { amountFen: string })[] = await qb.getRawMany();
    return rows.map((r) => ({ ...r, amountFen: Number(r.amountFen) }));
  }

  /**
   * Claims send `sendNo` of a receipt for five minutes: false when it is delivered already, the
   * receipt is not (or no longer) issued with a stored PDF, or another worker holds the claim.
   */
  async claimSend(receiptId: string, sendNo: number): Promise<boolean> {
    // UPDATE … RETURNING comes back from TypeORM as [rows, affected].
    const [claimed] = await this.dataSource.query<[{ id: string }[], number]>(
      `UPDATE receipts SET email_claimed_at = now()
       WHERE id = $1 AND status = 'issued' AND pdf_sha256 IS NOT NULL AND email_count < $2
         AND (email_claimed_at IS NULL OR email_claimed_at < now() - interval '5 minutes')
       RETURNING id`,
      [receiptId, sendNo],
    );
    return claimed.length > 0;
  }

  /** A send that failed gives its claim back (the job retries it). */
  async releaseSendClaim(receiptId: string): Promise<void> {
    await this.dataSource.query(`UPDATE receipts SET email_claimed_at = NULL WHERE id = $1`, [receiptId]);
  }

  /** Send `sendNo` delivered: recorded, and the claim given back. */
  async recordDelivered(receiptId: string, sendNo: number): Promise<void> {
    await this.dataSource.query(`UPDATE receipts SET email_count = GREATEST(email_count, $2), emailed_at = now(), email_claimed_at = NULL WHERE id = $1`, [
      receiptId,
      sendNo,
    ]);
  }

  /**
   * A PDF rendered again from the record gave other bytes than the recorded hash (its campaign's
   * title or the template changed since it was issued): the hash now names the file on disk. Only
   * while the record still names the bytes that were lost, so a render of an official receipt
   * recorded meanwhile is not undone.
   */
  async recordRestoredPdf(receiptId: string, lost: { sha256: string; officialId: string | null }, sha256: string): Promise<boolean> {
    const [rows] = await this.dataSource.query<[{ id: string }[], number]>(
      `UPDATE receipts SET pdf_sha256 = $3 WHERE id = $1 AND pdf_sha256 = $2 AND pdf_official_id IS NOT DISTINCT FROM $4 RETURNING id`,
      [receiptId, lost.sha256, sha256, lost.officialId],
    );
    return rows.length > 0;
  }

  /** When the donor was told of the void (null: not yet), read afresh. */
  async voidEmailedAt(receiptId: string): Promise<Date | null> {
    const [row]: { void_emailed_at: Date | null }[] = await this.dataSource.query(`SELECT void_emailed_at FROM receipts WHERE id = $1`, [receiptId]);
    return row?.void_emailed_at ?? null;
  }

  async recordVoidEmailed(receiptId: string): Promise<void> {
    await this.dataSource.query(`UPDATE receipts SET void_emailed_at = now() WHERE id = $1`, [receiptId]);
  }
}
