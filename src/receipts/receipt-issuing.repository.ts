import { EntityManager } from 'typeorm';

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
 * SQL of the issuing job's second step. One statement, so one round trip and an implicit
 * transaction of its own (it was a transaction of five): the stored PDF is recorded once; its
 * request shows `issued` from then on; and a live receipt never mailed takes send number 1 with
 * the outbox row of that send, written together with the record.
 */
export const receiptIssuing = {
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
