import { EntityManager } from 'typeorm';

/**
 * Send numbers of a receipt's e-mails. A number is taken when a send is queued, in the transaction
 * that queues it, so two sends queued close together never share one; the send job delivers number
 * n once `email_count` (the highest delivered) is below n.
 */
export const receiptSends = {
  // The first send (number 1) is queued with the stored PDF: receiptIssuing.recordRenderedPdf.
  /**
   * Send `sendNo` delivered by the job that queued it (the first mail, sent by the issuing job):
   * recorded, and the send's outbox row, held back from the relay meanwhile, ended as dispatched
   * and acknowledged, in one statement. A row the relay sent meanwhile is left to its job, which
   * finds the send delivered.
   */
  async deliveredWithOutboxRow(manager: EntityManager, receiptId: string, sendNo: number, outboxId: string): Promise<void> {
    await manager.query(
      `WITH delivered AS (
         UPDATE receipts SET email_count = GREATEST(email_count, $2), emailed_at = now(), email_claimed_at = NULL WHERE id = $1 RETURNING id
       )
       UPDATE outbox SET dispatched_at = now(), acknowledged_at = now(), claimed_until = NULL
        WHERE id = $3 AND dispatched_at IS NULL AND EXISTS (SELECT 1 FROM delivered)`,
      [receiptId, sendNo, outboxId],
    );
  },

  /**
   * The next send number, the receipt's row locked. With `unlessPending` (a resend clicked twice,
   * or while the last send is still on its way) no number is taken while a queued send is
   * undelivered: that send's number comes back with `queued: false`.
   */
  async next(manager: EntityManager, receiptId: string, options: { unlessPending?: boolean } = {}): Promise<{ sendNo: number; queued: boolean }> {
    const rows = await manager.query<{ email_queued: number; email_count: number }[]>(
      `SELECT email_queued, email_count FROM receipts WHERE id = $1 FOR UPDATE`,
      [receiptId],
    );
    if (rows.length === 0) throw new Error(`receipt ${receiptId} not found`);
    const { email_queued: queued, email_count: delivered } = rows[0];
    if (options.unlessPending && queued > delivered) return { sendNo: queued, queued: false };
    const sendNo = Math.max(queued, delivered) + 1;
    await manager.query(`UPDATE receipts SET email_queued = $2 WHERE id = $1`, [receiptId, sendNo]);
    return { sendNo, queued: true };
  },
};
