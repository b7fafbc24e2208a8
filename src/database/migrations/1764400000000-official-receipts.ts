import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Official receipts (公益事业捐赠票据) beside the foundation's own receipt records.
 *
 * - `receipt_books`: pre-printed paper books registered by staff, a 票据代码 (8 digits) and a range
 *   of 票据号码 (10 digits, kept as text so leading zeros survive; fixed width, so text order is
 *   number order). Overlaps of one code are refused by the service under an advisory lock.
 * - `receipt_book_numbers`: one row for every number of a book, written when the book is
 *   registered: `unused`, `used` (by an official receipt) or `spoiled` (作废 form, with a reason),
 *   so every number of a book is exactly one of them. Attachments take the lowest unused row with
 *   FOR UPDATE SKIP LOCKED: concurrent attachments to one book never wait on each other nor take
 *   the same number.
 * - `official_receipts`: the official receipt attached to a receipt record, at most one per
 *   record and each official code/number at most once. A voided record keeps its official receipt
 *   (and a paper number stays used): `voided_at` says it was voided with the record.
 * - `fiscal_receipt_requests`: the durable request to the 财政电子票据 platform for a record, so an
 *   outage never loses an approved request (the outbox job retries; staff may retry by hand).
 * - `receipts.pdf_official_id`: the official receipt the stored PDF shows (null: a 捐赠证明);
 *   `receipts.void_emailed_at`: when the donor was told the receipt was voided.
 * - `receipt_declines`: a donor who said they want no receipt, on record (withdrawn when they ask
 *   for one after all).
 */
export class OfficialReceipts1764400000000 implements MigrationInterface {
  name = 'OfficialReceipts1764400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE receipt_books (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        code text NOT NULL CHECK (code ~ '^[0-9]{8}$'),
        first_number text NOT NULL CHECK (first_number ~ '^[0-9]{10}$'),
        last_number text NOT NULL CHECK (last_number ~ '^[0-9]{10}$'),
        status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
        created_by uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        closed_by uuid,
        closed_at timestamptz,
        CONSTRAINT receipt_books_range CHECK (first_number <= last_number AND last_number::bigint - first_number::bigint < 10000),
        CONSTRAINT receipt_books_closed CHECK ((status = 'closed') = (closed_at IS NOT NULL))
      )`);
    await q.query(`CREATE INDEX receipt_books_code ON receipt_books (code, first_number)`);
    await q.query(`
      CREATE TABLE official_receipts (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        receipt_id uuid NOT NULL REFERENCES receipts (id),
        kind text NOT NULL CHECK (kind IN ('fiscal', 'paper')),
        source text NOT NULL CHECK (source IN ('platform', 'manual', 'paper')),
        code text NOT NULL CHECK (code ~ '^[0-9]{8}$'),
        number text NOT NULL CHECK (number ~ '^[0-9]{10}$'),
        check_code text,
        issued_at timestamptz NOT NULL,
        book_id uuid REFERENCES receipt_books (id),
        file_path text,
        file_type text,
        file_sha256 text,
        created_by uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        voided_at timestamptz,
        CONSTRAINT official_receipts_one_per_receipt UNIQUE (receipt_id),
        CONSTRAINT official_receipts_number_once UNIQUE (kind, code, number),
        CONSTRAINT official_receipts_paper_book CHECK ((kind = 'paper') = (book_id IS NOT NULL))
      )`);
    await q.query(`
      CREATE TABLE receipt_book_numbers (
        book_id uuid NOT NULL REFERENCES receipt_books (id),
        number text NOT NULL CHECK (number ~ '^[0-9]{10}$'),
        state text NOT NULL CHECK (state IN ('unused', 'used', 'spoiled')),
        official_receipt_id uuid UNIQUE REFERENCES official_receipts (id),
        reason text,
        recorded_by uuid,
        recorded_at timestamptz,
        PRIMARY KEY (book_id, number),
        CONSTRAINT receipt_book_numbers_used CHECK ((state = 'used') = (official_receipt_id IS NOT NULL)),
        CONSTRAINT receipt_book_numbers_spoiled CHECK (state <> 'spoiled' OR reason IS NOT NULL)
      )`);
    await q.query(`CREATE INDEX receipt_book_numbers_unused ON receipt_book_numbers (book_id, number) WHERE state = 'unused'`);
    await q.query(`
      CREATE TABLE fiscal_receipt_requests (
        receipt_id uuid PRIMARY KEY REFERENCES receipts (id),
        status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'issued', 'refused')),
        attempts integer NOT NULL DEFAULT 0,
        last_error text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE receipt_declines (
        donation_id uuid PRIMARY KEY REFERENCES donations (id),
        declined_at timestamptz NOT NULL DEFAULT now(),
        withdrawn_at timestamptz
      )`);
    await q.query(`ALTER TABLE receipts ADD COLUMN pdf_official_id uuid REFERENCES official_receipts (id), ADD COLUMN void_emailed_at timestamptz`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE receipt_declines`);
    await q.query(`ALTER TABLE receipts DROP COLUMN void_emailed_at, DROP COLUMN pdf_official_id`);
    await q.query(`DROP TABLE fiscal_receipt_requests`);
    await q.query(`DROP TABLE receipt_book_numbers`);
    await q.query(`DROP TABLE official_receipts`);
    await q.query(`DROP TABLE receipt_books`);
  }
}
