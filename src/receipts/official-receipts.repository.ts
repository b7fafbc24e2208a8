import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';

export type OfficialKind = 'fiscal' | 'paper';
export type OfficialSource = 'platform' | 'manual' | 'paper';

export interface OfficialReceiptRow {
  id: string;
  receipt_id: string;
  kind: OfficialKind;
  source: OfficialSource;
  code: string;
  number: string;
  check_code: string | null;
  issued_at: Date;
  book_id: string | null;
  file_path: string | null;
  file_type: string | null;
  file_sha256: string | null;
  voided_at: Date | null;
}

export interface ReceiptBookRow {
  id: string;
  code: string;
  first_number: string;
  last_number: string;
  status: 'open' | 'closed';
  created_at: Date;
  closed_at: Date | null;
}

export interface BookCounts {
  used: number;
  spoiled: number;
  unused: number;
  voided: number;
}

export interface BookEntryRow {
  number: string;
  state: 'used' | 'spoiled';
  reason: string | null;
  receipt_no: string | null;
  receipt_status: string | null;
  recorded_at: Date | null;
}

/** A donor's recorded "no receipt" (amount_fen as PostgreSQL sends a bigint: text). */
export interface ReceiptDeclineRow {
  order_no: string;
  campaign_code: string;
  amount_fen: string;
  declined_at: Date;
  withdrawn_at: Date | null;
}

export interface FiscalRequestRow {
  receipt_id: string;
  status: 'pending' | 'issued' | 'refused';
  attempts: number;
  last_error: string | null;
}

export interface NewOfficialReceipt {
  receiptId: string;
  kind: OfficialKind;
  source: OfficialSource;
  code: string;
  number: string;
  checkCode: string | null;
  issuedAt: Date;
  bookId: string | null;
  file: { path: string; type: string; sha256: string } | null;
  createdBy: string | null;
}

const OFFICIAL = `id, receipt_id, kind, source, code, number, check_code, issued_at, book_id, file_path, file_type, file_sha256, voided_at`;
const BOOK = `id, code, first_number, last_number, status, created_at, closed_at`;

/** A 10-digit 票据号码 from a number (leading zeros kept). */
export function tenDigits(n: bigint | number): string {
  return String(n).padStart(10, '0');
}

/** SQL of official receipts, paper receipt books and their numbers, and fiscal platform requests. */
@Injectable()
export class OfficialReceiptsRepository {
  async officialOf(manager: EntityManager, receiptId: string): Promise<OfficialReceiptRow | null> {
    const rows: OfficialReceiptRow[] = await manager.query(`SELECT ${OFFICIAL} FROM official_receipts WHERE receipt_id = $1`, [receiptId]);
    return rows[0] ?? null;
  }

  async officialByNumber(manager: EntityManager, kind: OfficialKind, code: string, number: string): Promise<OfficialReceiptRow | null> {
    const rows: OfficialReceiptRow[] = await manager.query(`SELECT ${OFFICIAL} FROM official_receipts WHERE kind = $1 AND code = $2 AND number = $3`, [
      kind,
      code,
      number,
    ]);
    return rows[0] ?? null;
  }

  async insertOfficial(manager: EntityManager, row: NewOfficialReceipt): Promise<OfficialReceiptRow> {
    const rows: OfficialReceiptRow[] = await manager.query(
      `INSERT INTO official_receipts (receipt_id, kind, source, code, number, check_code, issued_at, book_id, file_path, file_type, file_sha256, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING ${OFFICIAL}`,
      [
        row.receiptId,
        row.kind,
        row.source,
        row.code,
        row.number,
        row.checkCode,
        row.issuedAt,
        row.bookId,
        row.file?.path ?? null,
        row.file?.type ?? null,
        row.file?.sha256 ?? null,
        row.createdBy,
      ],
    );
    return rows[0];
  }

  async markOfficialVoided(manager: EntityManager, receiptId: string): Promise<void> {
    await manager.query(`UPDATE official_receipts SET voided_at = now() WHERE receipt_id = $1 AND voided_at IS NULL`, [receiptId]);
  }

  /** Serialises registrations of books of one 票据代码 until the transaction ends. */
  async lockBookCode(manager: EntityManager, code: string): Promise<void> {
    await manager.query(`SELECT pg_advisory_xact_lock(hashtext('receipt-book:' || $1))`, [code]);
  }

  async overlappingBook(manager: EntityManager, code: string, first: string, last: string): Promise<ReceiptBookRow | null> {
    const rows: ReceiptBookRow[] = await manager.query(
      `SELECT ${BOOK} FROM receipt_books WHERE code = $1 AND first_number <= $3 AND last_number >= $2 ORDER BY first_number LIMIT 1`,
      [code, first, last],
    );
    return rows[0] ?? null;
  }

  async insertBook(manager: EntityManager, code: string, first: string, last: string, createdBy: string): Promise<ReceiptBookRow> {
    const rows: ReceiptBookRow[] = await manager.query(
      `INSERT INTO receipt_books (code, first_number, last_number, created_by) VALUES ($1, $2, $3, $4) RETURNING ${BOOK}`,
      [code, first, last, createdBy],
    );
    return rows[0];
  }

  /** A book; `update` locks it (close), `share` keeps it from closing meanwhile (attachments, spoiling). */
  async book(manager: EntityManager, id: string, lock?: 'update' | 'share'): Promise<ReceiptBookRow | null> {
    const suffix = lock === 'update' ? ' FOR UPDATE' : lock === 'share' ? ' FOR SHARE' : '';
    const rows: ReceiptBookRow[] = await manager.query(`SELECT ${BOOK} FROM receipt_books WHERE id = $1${suffix}`, [id]);
    return rows[0] ?? null;
  }

  async books(manager: EntityManager): Promise<ReceiptBookRow[]> {
    return manager.query(`SELECT ${BOOK} FROM receipt_books ORDER BY created_at DESC, code, first_number LIMIT 500`);
  }

  async closeBook(manager: EntityManager, id: string, actorId: string): Promise<void> {
    await manager.query(`UPDATE receipt_books SET status = 'closed', closed_at = now(), closed_by = $2 WHERE id = $1 AND status = 'open'`, [id, actorId]);
  }

  /** Writes the book's numbers, all unused. */
  async insertBookNumbers(manager: EntityManager, book: ReceiptBookRow): Promise<void> {
    await manager.query(
      `INSERT INTO receipt_book_numbers (book_id, number, state)
       SELECT $1, lpad(n::text, 10, '0'), 'unused' FROM generate_series($2::bigint, $3::bigint) AS n`,
      [book.id, book.first_number, book.last_number],
    );
  }

  async counts(manager: EntityManager, bookId: string): Promise<BookCounts> {
    const [row]: { used: string; spoiled: string; unused: string; voided: string }[] = await manager.query(
      `SELECT count(*) FILTER (WHERE n.state = 'used') AS used,
              count(*) FILTER (WHERE n.state = 'spoiled') AS spoiled,
              count(*) FILTER (WHERE n.state = 'unused') AS unused,
              count(*) FILTER (WHERE n.state = 'used' AND o.voided_at IS NOT NULL) AS voided
         FROM receipt_book_numbers n LEFT JOIN official_receipts o ON o.id = n.official_receipt_id
        WHERE n.book_id = $1`,
      [bookId],
    );
    return { used: Number(row.used), spoiled: Number(row.spoiled), unused: Number(row.unused), voided: Number(row.voided) };
  }

  /** Every used or spoiled number, in order, with the record it went to. */
  async entries(manager: EntityManager, bookId: string): Promise<BookEntryRow[]> {
    return manager.query(
      `SELECT n.number, n.state, n.reason, r.receipt_no, r.status AS receipt_status, n.recorded_at
         FROM receipt_book_numbers n
         LEFT JOIN official_receipts o ON o.id = n.official_receipt_id
         LEFT JOIN receipts r ON r.id = o.receipt_id
        WHERE n.book_id = $1 AND n.state <> 'unused' ORDER BY n.number`,
      [bookId],
    );
  }

  /** The state of one number, its row locked for the rest of the transaction; null outside the book. */
  async lockNumber(manager: EntityManager, bookId: string, number: string): Promise<'unused' | 'used' | 'spoiled' | null> {
    const rows: { state: 'unused' | 'used' | 'spoiled' }[] = await manager.query(
      `SELECT state FROM receipt_book_numbers WHERE book_id = $1 AND number = $2 FOR UPDATE`,
      [bookId, number],
    );
    return rows[0]?.state ?? null;
  }

  /** The lowest unused number no other transaction is taking (SKIP LOCKED), locked; null when none is left. */
  async takeNextUnused(manager: EntityManager, bookId: string): Promise<string | null> {
    const rows: { number: string }[] = await manager.query(
      `SELECT number FROM receipt_book_numbers WHERE book_id = $1 AND state = 'unused' ORDER BY number LIMIT 1 FOR UPDATE SKIP LOCKED`,
      [bookId],
    );
    return rows[0]?.number ?? null;
  }

  /** Marks a locked unused number used or spoiled. */
  async recordNumber(
    manager: EntityManager,
    entry: { bookId: string; number: string; state: 'used' | 'spoiled'; officialReceiptId: string | null; reason: string | null; recordedBy: string | null },
  ): Promise<void> {
    const [rows]: [unknown[], number] = await manager.query(
      `UPDATE receipt_book_numbers SET state = $3, official_receipt_id = $4, reason = $5, recorded_by = $6, recorded_at = now()
        WHERE book_id = $1 AND number = $2 AND state = 'unused' RETURNING number`,
      [entry.bookId, entry.number, entry.state, entry.officialReceiptId, entry.reason, entry.recordedBy],
    );
    if (rows.length !== 1) throw new Error(`receipt book number ${entry.number} was not unused`);
  }

  /** Creates the platform request of a receipt once; true when it was created now. */
  async addFiscalRequest(manager: EntityManager, receiptId: string): Promise<boolean> {
    const rows: { receipt_id: string }[] = await manager.query(
      `INSERT INTO fiscal_receipt_requests (receipt_id) VALUES ($1) ON CONFLICT (receipt_id) DO NOTHING RETURNING receipt_id`,
      [receiptId],
    );
    return rows.length > 0;
  }

  async fiscalRequest(manager: EntityManager, receiptId: string, lock = false): Promise<FiscalRequestRow | null> {
    const rows: FiscalRequestRow[] = await manager.query(
      `SELECT receipt_id, status, attempts, last_error FROM fiscal_receipt_requests WHERE receipt_id = $1${lock ? ' FOR UPDATE' : ''}`,
      [receiptId],
    );
    return rows[0] ?? null;
  }

  async fiscalAttemptFailed(manager: EntityManager, receiptId: string, error: string, refused: boolean): Promise<void> {
    await manager.query(
      `UPDATE fiscal_receipt_requests SET attempts = attempts + 1, last_error = $2, status = CASE WHEN $3 THEN 'refused' ELSE status END, updated_at = now()
        WHERE receipt_id = $1 AND status <> 'issued'`,
      [receiptId, error.slice(0, 500), refused],
    );
  }

  async fiscalIssued(manager: EntityManager, receiptId: string): Promise<void> {
    await manager.query(
      `UPDATE fiscal_receipt_requests SET attempts = attempts + 1, status = 'issued', last_error = NULL, updated_at = now() WHERE receipt_id = $1`,
      [receiptId],
    );
  }

  async reopenFiscalRequest(manager: EntityManager, receiptId: string): Promise<void> {
    await manager.query(`UPDATE fiscal_receipt_requests SET status = 'pending', updated_at = now() WHERE receipt_id = $1 AND status = 'refused'`, [receiptId]);
  }

  /** The stored PDF shows `officialId` now; false when another render already recorded it. */
  async recordRenderedPdf(manager: EntityManager, receiptId: string, officialId: string, pdf: { path: string; sha256: string }): Promise<boolean> {
    const [rows]: [{ id: string }[], number] = await manager.query(
      `UPDATE receipts SET pdf_path = $3, pdf_sha256 = $4, pdf_official_id = $2
        WHERE id = $1 AND pdf_sha256 IS NOT NULL AND pdf_official_id IS DISTINCT FROM $2 RETURNING id`,
      [receiptId, officialId, pdf.path, pdf.sha256],
    );
    return rows.length > 0;
  }

  /** Records (again) that the donor wants no receipt for this donation; the time first declined. */
  async decline(manager: EntityManager, donationId: string): Promise<Date> {
    const rows: { declined_at: Date }[] = await manager.query(
      `INSERT INTO receipt_declines (donation_id) VALUES ($1)
       ON CONFLICT (donation_id) DO UPDATE SET withdrawn_at = NULL, declined_at = CASE WHEN receipt_declines.withdrawn_at IS NULL THEN receipt_declines.declined_at ELSE now() END
       RETURNING declined_at`,
      [donationId],
    );
    return rows[0].declined_at;
  }

  /** The donor asked for a receipt after all: the decline stays on record, withdrawn. */
  async withdrawDecline(manager: EntityManager, donationId: string): Promise<void> {
    await manager.query(`UPDATE receipt_declines SET withdrawn_at = now() WHERE donation_id = $1 AND withdrawn_at IS NULL`, [donationId]);
  }

  async declines(manager: EntityManager, campaignCode: string | undefined): Promise<ReceiptDeclineRow[]> {
    return manager.query(
      `SELECT d.order_no, c.code AS campaign_code, d.amount_fen, x.declined_at, x.withdrawn_at
         FROM receipt_declines x JOIN donations d ON d.id = x.donation_id JOIN campaigns c ON c.id = d.campaign_id
        WHERE ($1::text IS NULL OR c.code = $1) ORDER BY x.declined_at DESC LIMIT 500`,
      [campaignCode ?? null],
    );
  }

  /** Pending platform requests whose last attempt is older than `minutes` (their job's retries may be spent). */
  async stalledFiscalRequests(manager: EntityManager, minutes: number): Promise<string[]> {
    const rows: { receipt_id: string }[] = await manager.query(
      `SELECT receipt_id FROM fiscal_receipt_requests WHERE status = 'pending' AND updated_at < now() - make_interval(mins => $1) ORDER BY updated_at LIMIT 500`,
      [minutes],
    );
    return rows.map((r) => r.receipt_id);
  }

  async touchFiscalRequest(manager: EntityManager, receiptId: string): Promise<void> {
    await manager.query(`UPDATE fiscal_receipt_requests SET updated_at = now() WHERE receipt_id = $1 AND status = 'pending'`, [receiptId]);
  }

  /** A staff member's display name (复核人 on the form), or null. */
  async staffName(manager: EntityManager, id: string): Promise<string | null> {
    const rows: { name: string }[] = await manager.query(`SELECT name FROM staff_users WHERE id = $1`, [id]);
    return rows[0]?.name ?? null;
  }
}
