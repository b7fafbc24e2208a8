import { EntityManager } from 'typeorm';

/** A receipt record to number and insert: every column the issuing job sets (the rest take their defaults). */
export interface NewReceipt {
  campaignId: string;
  receiptPrefix: string;
  year: number;
  issueKey: string;
  requestId: string;
  donationId: string | null;
  inKindDonationId: string | null;
  replacesReceiptId: string | null;
  donorName: string;
  invoiceTitle: string;
  amountFen: number;
  donatedAt: Date;
  issuedAt: Date;
  aggregate: boolean;
  payerCreditCode: string | null;
  reviewerName: string | null;
  payeeName: string | null;
}

export interface NumberedReceipt {
  id: string;
  seq: number;
  receiptNo: string;
  createdAt: Date;
}

export interface RenderedPdf {
  receiptId: string;
  path: string;
  sha256: string;
  officialId: string | null;
}

export interface FirstSend {
  queue: string;
  jobName: string;
  /** The mail job's payload (its send number is 1). */
  payload: Record<string, unknown>;
  /** The outbox row is held back from the relay this long (the issuing job mails it itself). */
  heldForMs: number;
}

/**
 * SQL of the issuing job: numbering a record, and recording its PDF. recordRenderedPdf is one
 * statement, so one round trip and an implicit transaction of its own (it was a transaction of
 * five): the stored PDF is recorded once; its request shows `issued` from then on; and a live
 * receipt never mailed takes send number 1 with the outbox row of that send, written together
 * with the record.
 */
export const receiptIssuing = {
  /**
   * The next number of the series the record belongs to (its campaign's receipt prefix and the
   * year: numbers are unique across campaigns, so campaigns sharing a prefix share its series) and
   * the record under it, in one statement of the caller's transaction (the series row stays locked
   * until its commit). The number reads <prefix>-<year>-<seq, 8 digits or more>, as receiptNumber()
   * spells it. Null when a record of
   * this issue key exists already: the counter was moved all the same, so the caller must roll its
   * transaction back (the number is given back) and use that record.
   */
  async numberAndInsert(manager: EntityManager, r: NewReceipt): Promise<NumberedReceipt | null> {
    const rows = await manager.query<{ id: string; seq: number; receipt_no: string; created_at: Date }[]>(
      `WITH counter AS (
         INSERT INTO receipt_series (receipt_prefix, year, last_seq) VALUES ($2, $3, 1)
         ON CONFLICT (receipt_prefix, year) DO UPDATE SET last_seq = receipt_series.last_seq + 1
         RETURNING last_seq
       )
       INSERT INTO receipts (receipt_no, campaign_id, year, seq, issue_key, request_id, donation_id, in_kind_donation_id, replaces_receipt_id,
                             status, donor_name, invoice_title, amount_fen, donated_at, issued_at, email_count, aggregate,
                             payer_credit_code, reviewer_name, payee_name)
       SELECT $2 || '-' || $3::int || '-' || lpad(last_seq::text, greatest(8, length(last_seq::text)), '0'), $1, $3, last_seq, $4, $5, $6, $7, $8,
              'issued', $9, $10, $11, $12, $13, 0, $14, $15, $16, $17
         FROM counter
       ON CONFLICT (issue_key) DO NOTHING
       RETURNING id, seq, receipt_no, created_at`,
      [
        r.campaignId,
        r.receiptPrefix,
        r.year,
        r.issueKey,
        r.requestId,
        r.donationId,
        r.inKindDonationId,
        r.replacesReceiptId,
        r.donorName,
        r.invoiceTitle,
        r.amountFen,
        r.donatedAt,
        r.issuedAt,
        r.aggregate,
        r.payerCreditCode,
        r.reviewerName,
        r.payeeName,
      ],
    );
    if (rows.length === 0) return null;
    return { id: rows[0].id, seq: rows[0].seq, receiptNo: rows[0].receipt_no, createdAt: rows[0].created_at };
  },

  /**
   * Null when the PDF was recorded already (a repeat); otherwise the outbox row of the first send,
   * or null for it when the receipt is voided or mailed already.
   */
  async recordRenderedPdf(manager: EntityManager, pdf: RenderedPdf, send: FirstSend): Promise<{ outboxId: string | null } | null> {
    const rows = await manager.query<{ rendered: number; outbox_id: string | null }[]>(
      `WITH rendered AS (
         UPDATE receipts SET pdf_path = $2, pdf_sha256 = $3, pdf_official_id = $4,
                email_queued = CASE WHEN status = 'issued' AND email_count = 0 THEN GREATEST(email_queued, 1) ELSE email_queued END
          WHERE id = $1 AND pdf_sha256 IS NULL
          RETURNING id, request_id, (status = 'issued' AND email_count = 0) AS mail
       ), request AS (
         UPDATE receipt_requests SET status = 'issued', updated_at = now()
          WHERE id = (SELECT request_id FROM rendered) AND status = 'queued'
       ), first_send AS (
         INSERT INTO outbox (queue, job_name, payload, claimed_until)
         SELECT $5, $6, $7::jsonb, now() + $8::int * interval '1 millisecond' FROM rendered WHERE mail
         RETURNING id
       )
       SELECT (SELECT count(*) FROM rendered)::int AS rendered, (SELECT id FROM first_send) AS outbox_id`,
      [pdf.receiptId, pdf.path, pdf.sha256, pdf.officialId, send.queue, send.jobName, JSON.stringify(send.payload), send.heldForMs],
    );
    if (rows[0].rendered === 0) return null;
    return { outboxId: rows[0].outbox_id === null ? null : String(rows[0].outbox_id) };
  },
};
