import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';

/** A paid transfer just recorded, as the receipt requests waiting for it would name it. */
export interface ArrivedTransfer {
  donationId: string;
  campaignId: string;
  bankReference: string;
  amountFen: number;
  payerName: string;
}

/** Requests waiting for staff that named no donation the system could find when they were made. */
@Injectable()
export class WaitingRequestsRepository {
  /**
   * Proposes the transfer to the waiting requests the request-time rules (ReceiptRequestsService.match)
   * would have proposed it to, had it been recorded first: those naming its bank reference, and those
   * naming neither an order nor a reference, of its amount and payer name. Only a proposal: a request
   * without the claim token is never issued without staff. Returns the requests' ids.
   */
  async proposeArrived(m: EntityManager, t: ArrivedTransfer): Promise<string[]> {
    const [rows]: [Array<{ id: string }>, number] = await m.query(
      `UPDATE receipt_requests r SET proposed_donation_id = $1, updated_at = now()
        WHERE r.campaign_id = $2 AND r.status = 'pending_review' AND NOT r.aggregate
          AND r.donation_id IS NULL AND r.in_kind_donation_id IS NULL AND r.proposed_donation_id IS NULL
          AND ((r.match_method = 'bank_reference' AND r.bank_reference = $3)
            OR (r.match_method = 'none' AND r.order_no IS NULL AND r.bank_reference IS NULL AND r.amount_fen = $4 AND r.name = $5))
        RETURNING r.id`,
      [t.donationId, t.campaignId, t.bankReference, t.amountFen, t.payerName],
    );
    return rows.map((r) => r.id);
  }
}
