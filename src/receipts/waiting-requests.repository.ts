import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { toSafeInteger } from '../database/fen.transformer';

/** A waiting request and the transfer it was just proposed. */
export interface ProposedArrival {
  requestId: string;
  orderNo: string;
  bankReference: string;
  amountFen: number;
}

/** Requests waiting for staff that named no donation the system could find when they were made. */
@Injectable()
export class WaitingRequestsRepository {
  /**
   * Proposes paid bank transfers (by bank reference, of one campaign) to the waiting requests the
   * request-time rules (ReceiptRequestsService.match) would have proposed them to, had they been
   * recorded first: those naming the transfer's bank reference, and those naming neither an order nor
   * a reference, of its amount and payer name (a reference match first). Only a proposal: a request
   * without the claim token is never issued without staff. Asking again changes nothing (a request
   * already proposed a donation keeps it), so a rerun after a crash finishes what was left.
   */
  async proposeArrived(m: EntityManager, campaignId: string, bankReferences: string[]): Promise<ProposedArrival[]> {
    // An UPDATE answers [rows, affected count] through TypeORM's PostgreSQL driver.
    const [rows]: [Array<{ id: string; order_no: string; bank_reference: string; amount_fen: string }>, number] = await m.query(
      `WITH arrived AS (
         SELECT id, order_no, bank_reference, amount_fen, donor_name FROM donations
          WHERE campaign_id = $1 AND bank_reference = ANY($2::text[]) AND status = 'paid'
       ), pick AS (
         SELECT DISTINCT ON (r.id) r.id AS request_id, a.id AS donation_id, a.order_no, a.bank_reference, a.amount_fen
           FROM receipt_requests r
           JOIN arrived a ON (r.match_method = 'bank_reference' AND r.bank_reference = a.bank_reference)
                          OR (r.match_method = 'none' AND r.order_no IS NULL AND r.bank_reference IS NULL AND r.amount_fen = a.amount_fen AND r.name = a.donor_name)
          WHERE r.campaign_id = $1 AND r.status = 'pending_review' AND NOT r.aggregate
            AND r.donation_id IS NULL AND r.in_kind_donation_id IS NULL AND r.proposed_donation_id IS NULL
          ORDER BY r.id, (r.match_method = 'bank_reference') DESC, a.order_no
       )
       UPDATE receipt_requests r SET proposed_donation_id = p.donation_id, updated_at = now()
         FROM pick p WHERE r.id = p.request_id
       RETURNING r.id, p.order_no, p.bank_reference, p.amount_fen`,
      [campaignId, bankReferences],
    );
    return rows.map((r) => ({ requestId: r.id, orderNo: r.order_no, bankReference: r.bank_reference, amountFen: toSafeInteger(r.amount_fen) }));
  }
}
