/**
 * Medium-size spec of the ledger (issue 19): DonationLedgerService and its repositories in Nest's
 * testing module against the real PostgreSQL and Redis (test/medium/ledger-module.ts), without HTTP or
 * queues. The receipts feature's refund step is the one stand-in: a recorder of what the ledger asks of
 * it, inside its transaction.
 */
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { newOrderNo } from '../../src/donations/order-number';
import type { RefundReceiptStep } from '../../src/donations/refund-receipt-step';
import { RefundsRepository } from '../../src/donations/refunds.repository';
import { LedgerModule, ledgerModule } from './ledger-module';

describe('DonationLedgerService against PostgreSQL (medium)', () => {
  let m: LedgerModule;
  let campaignId: string;
  const refundSteps: { donationId: string; reason: string; inTransaction: boolean }[] = [];

  const recordingStep: RefundReceiptStep = {
    async voidForRefund(manager: EntityManager, donationId: string, reason: string) {
      // The step runs inside the ledger's transaction: it has written (holds a transaction id) by then.
      const [{ locked }] = await manager.query<{ locked: number }[]>(
        `SELECT count(*)::int AS locked FROM pg_locks WHERE pid = pg_backend_pid() AND locktype = 'transactionid'`,
      );
      refundSteps.push({ donationId, reason, inTransaction: locked > 0 });
      return { voidedReceiptNos: [], rejectedRequestIds: [] };
    },
  };

  beforeAll(async () => {
    m = await ledgerModule('ledger', [], recordingStep);
    campaignId = await m.campaign();
  });

  afterAll(async () => {
    await m?.close();
  });

  const pendingOrder = (amountFen: number) => m.pendingOrder(campaignId, amountFen);

  async function state(orderNo: string) {
    const [row] = await m.db.query<{ status: string; payments: number }[]>(
      `SELECT d.status, (SELECT count(*)::int FROM payments p WHERE p.donation_id = d.id) AS payments
         FROM donations d WHERE d.order_no = $1`,
      [orderNo],
    );
    return row;
  }

  async function countedFen(): Promise<number> {
    const [row] = await m.db.query<{ fen: string }[]>(`SELECT COALESCE(sum(amount_fen), 0)::bigint AS fen FROM campaign_counters WHERE campaign_id = $1`, [
      campaignId,
    ]);
    return Number(row.fen);
  }

  it('settles a pending order once: paid, one payment, counted; the same notification again changes nothing', async () => {
    const before = await countedFen();
    const orderNo = await pendingOrder(5_000);
    await expect(m.pay(orderNo, 5_000, 'SBX-ONCE-1')).resolves.toBe('PAID');
    await expect(m.pay(orderNo, 5_000, 'SBX-ONCE-1')).resolves.toBe('DUPLICATE');
    expect(await state(orderNo)).toEqual({ status: 'paid', payments: 1 });
    expect((await countedFen()) - before).toBe(5_000);
  });

  it('refuses a payment of another amount and leaves the order pending and uncounted', async () => {
    const before = await countedFen();
    const orderNo = await pendingOrder(5_000);
    await expect(m.pay(orderNo, 4_999)).rejects.toMatchObject({ code: 'AMOUNT_MISMATCH' });
    expect((await state(orderNo)).status).toBe('pending');
    expect(await countedFen()).toBe(before);
  });

  it('an unknown order and an order of another channel are ORDER_NOT_FOUND', async () => {
    await expect(m.pay(newOrderNo('MD'), 100)).rejects.toMatchObject({ code: 'ORDER_NOT_FOUND' });
    const orderNo = await pendingOrder(100);
    await expect(m.ledger.confirmPayment({ provider: 'wechatpay', orderNo, transactionId: 'WX-1', amountFen: 100, paidAt: new Date() })).rejects.toMatchObject({
      code: 'ORDER_NOT_FOUND',
    });
    expect(await state(orderNo)).toEqual({ status: 'pending', payments: 0 });
  });

  it('twenty concurrent notifications of one order with different transaction ids: one PAID, the order counted once', async () => {
    const before = await countedFen();
    const orderNo = await pendingOrder(7_700);
    const outcomes = await Promise.all(Array.from({ length: 20 }, (_, i) => m.pay(orderNo, 7_700, `SBX-RACE-${orderNo}-${i}`)));
    expect(outcomes.filter((o) => o === 'PAID')).toHaveLength(1);
    expect(outcomes.filter((o) => o !== 'PAID').every((o) => o === 'DUPLICATE_PAYMENT')).toBe(true);
    expect((await state(orderNo)).status).toBe('paid');
    expect((await countedFen()) - before).toBe(7_700);
  });

  it('a refund that succeeded takes the gift out of the totals and asks the receipts step inside its transaction, once', async () => {
    const orderNo = await pendingOrder(3_300);
    await m.pay(orderNo, 3_300);
    const afterPaid = await countedFen();
    const [{ id: donationId }] = await m.db.query<{ id: string }[]>(`SELECT id FROM donations WHERE order_no = $1`, [orderNo]);
    const refundNo = `RF${randomUUID().replace(/-/g, '').slice(0, 20)}`;
    await m.moduleRef.get(RefundsRepository).insert(m.db.manager, {
      refundNo,
      donationId,
      provider: 'sandbox',
      amountFen: 3_300,
      reason: '捐赠人申请退回',
      status: 'processing',
      requestedBy: null,
      idempotencyKey: null,
      requestHash: null,
    });
    const settlement = { refundNo, providerRefundId: 'SBX-RF-1', succeededAt: new Date(), actor: null, source: 'medium-spec' };
    await expect(m.ledger.settleRefund(settlement)).resolves.toBe('REFUNDED');
    await expect(m.ledger.settleRefund(settlement)).resolves.toBe('DUPLICATE');
    expect((await state(orderNo)).status).toBe('refunded');
    expect(afterPaid - (await countedFen())).toBe(3_300);
    expect(refundSteps.filter((s) => s.donationId === donationId)).toEqual([{ donationId, reason: expect.any(String), inTransaction: true }]);
  });
});
