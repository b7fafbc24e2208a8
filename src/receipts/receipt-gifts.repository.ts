import { Injectable } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import { Donation } from '../donations/donation.entity';

export interface RequestGiftRow {
  position: number;
  order_no: string;
  donation_id: string | null;
  held: boolean;
}

/** A gift as a record lists it: when, which order, how much. */
export interface ReceiptGiftRow {
  position: number;
  donation_id: string;
  order_no: string;
  amount_fen: number;
  donated_at: Date;
}

/** Where a donation already is: held by a live request, or on a live record. */
export interface TakenGift {
  donation_id: string;
  order_no: string;
  receipt_no: string | null;
}

/**
 * SQL of the gifts requests hold and records list (`receipt_request_gifts`, `receipt_gifts`). A
 * single request's or record's one gift is written by triggers; an aggregate's gifts here. Partial
 * unique indexes keep a donation on one live request and one live record, of either kind.
 */
@Injectable()
export class ReceiptGiftsRepository {
  /** The donations of these order numbers (any campaign). */
  async donationsByOrderNo(manager: EntityManager, orderNos: string[]): Promise<Donation[]> {
    return orderNos.length ? manager.getRepository(Donation).findBy({ orderNo: In(orderNos) }) : [];
  }

  async insertRequestGifts(manager: EntityManager, requestId: string, gifts: { orderNo: string; donationId: string | null; held: boolean }[]): Promise<void> {
    await manager.query(
      `INSERT INTO receipt_request_gifts (request_id, position, order_no, donation_id, held)
       SELECT $1, g.position, g.order_no, g.donation_id, g.held
         FROM unnest($2::text[], $3::uuid[], $4::boolean[]) WITH ORDINALITY AS g(order_no, donation_id, held, position)`,
      [requestId, gifts.map((g) => g.orderNo), gifts.map((g) => g.donationId), gifts.map((g) => g.held)],
    );
  }

  async requestGifts(manager: EntityManager, requestId: string): Promise<RequestGiftRow[]> {
    return manager.query(`SELECT position, order_no, donation_id, held FROM receipt_request_gifts WHERE request_id = $1 ORDER BY position`, [requestId]);
  }

  /** The gifts of several requests at once (the review queue), by request. */
  async requestGiftsOf(manager: EntityManager, requestIds: string[]): Promise<Map<string, RequestGiftRow[]>> {
    const rows: (RequestGiftRow & { request_id: string })[] = requestIds.length
      ? await manager.query(
          `SELECT request_id, position, order_no, donation_id, held FROM receipt_request_gifts WHERE request_id = ANY($1::uuid[]) ORDER BY request_id, position`,
          [requestIds],
        )
      : [];
    const byRequest = new Map<string, RequestGiftRow[]>();
    for (const { request_id, ...row } of rows) byRequest.set(request_id, [...(byRequest.get(request_id) ?? []), row]);
    return byRequest;
  }

  /** The request holds these gifts now (staff approval, a reissue after a void let them go). */
  async holdRequestGifts(manager: EntityManager, requestId: string, donationIds: { position: number; donationId: string }[]): Promise<void> {
    await manager.query(
      `UPDATE receipt_request_gifts g SET donation_id = x.donation_id, held = true
         FROM unnest($2::int[], $3::uuid[]) AS x(position, donation_id)
        WHERE g.request_id = $1 AND g.position = x.position`,
      [requestId, donationIds.map((d) => d.position), donationIds.map((d) => d.donationId)],
    );
  }

  /** The aggregate request lets go of its gifts (its record was voided, not reissued): each may be asked for again. */
  async releaseRequestGifts(manager: EntityManager, requestId: string): Promise<void> {
    await manager.query(`UPDATE receipt_request_gifts SET held = false WHERE request_id = $1 AND held`, [requestId]);
  }

  /** Of these donations, those held by a live request or listed on a live record (other than `exceptRequestId`'s). */
  async taken(manager: EntityManager, donationIds: string[], exceptRequestId: string | null = null): Promise<TakenGift[]> {
    return manager.query(
      `SELECT d.id AS donation_id, d.order_no,
              (SELECT r.receipt_no FROM receipt_gifts g JOIN receipts r ON r.id = g.receipt_id WHERE g.donation_id = d.id AND g.live LIMIT 1) AS receipt_no
         FROM donations d
        WHERE d.id = ANY($1::uuid[])
          AND (EXISTS (SELECT 1 FROM receipt_gifts g WHERE g.donation_id = d.id AND g.live)
               OR EXISTS (SELECT 1 FROM receipt_request_gifts h WHERE h.donation_id = d.id AND h.held AND h.request_id IS DISTINCT FROM $2::uuid))
        ORDER BY d.order_no`,
      [donationIds, exceptRequestId],
    );
  }

  async insertReceiptGifts(manager: EntityManager, receiptId: string, gifts: { donationId: string; amountFen: number; donatedAt: Date }[]): Promise<void> {
    await manager.query(
      `INSERT INTO receipt_gifts (receipt_id, position, donation_id, amount_fen, donated_at, live)
       SELECT $1, g.position, g.donation_id, g.amount_fen, g.donated_at, true
         FROM unnest($2::uuid[], $3::bigint[], $4::timestamptz[]) WITH ORDINALITY AS g(donation_id, amount_fen, donated_at, position)`,
      [receiptId, gifts.map((g) => g.donationId), gifts.map((g) => String(g.amountFen)), gifts.map((g) => g.donatedAt)],
    );
  }

  /** The gifts a record lists, in order. */
  async receiptGifts(manager: EntityManager, receiptId: string): Promise<ReceiptGiftRow[]> {
    const rows: (Omit<ReceiptGiftRow, 'amount_fen'> & { amount_fen: string })[] = await manager.query(
      `SELECT g.position, g.donation_id, d.order_no, g.amount_fen, g.donated_at
         FROM receipt_gifts g JOIN donations d ON d.id = g.donation_id WHERE g.receipt_id = $1 ORDER BY g.position`,
      [receiptId],
    );
    return rows.map((r) => ({ ...r, amount_fen: Number(r.amount_fen) }));
  }

  /** Live records listing this donation (single or aggregate), for a refund. */
  async liveReceiptIdsWith(manager: EntityManager, donationId: string): Promise<string[]> {
    const rows: { receipt_id: string }[] = await manager.query(`SELECT receipt_id FROM receipt_gifts WHERE donation_id = $1 AND live`, [donationId]);
    return rows.map((r) => r.receipt_id);
  }

  /** Aggregate requests holding this donation, locked. */
  async lockAggregateRequestsHolding(manager: EntityManager, donationId: string): Promise<{ id: string; status: string }[]> {
    return manager.query(
      `SELECT r.id, r.status FROM receipt_requests r
        WHERE r.aggregate AND EXISTS (SELECT 1 FROM receipt_request_gifts g WHERE g.request_id = r.id AND g.donation_id = $1 AND g.held)
        ORDER BY r.id FOR UPDATE OF r`,
      [donationId],
    );
  }
}
