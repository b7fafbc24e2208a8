/**
 * Medium-size spec of the ledger (issue 19): DonationLedgerService and its repositories in Nest's
 * testing module against the real PostgreSQL (a migrated database of this suite's own) and Redis,
 * without HTTP or queues. The receipts feature's refund step is the one stand-in: a recorder of what
 * the ledger asks of it, inside its transaction.
 */
import { randomUUID } from 'node:crypto';
import { Test, TestingModule } from '@nestjs/testing';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { CampaignsRepository } from '../../src/campaigns/campaigns.repository';
import { loadConfig } from '../../src/config/app-config';
import { ConfigModule } from '../../src/config/config.module';
import { DatabaseModule } from '../../src/database/database.module';
import { DonationLedgerRepository } from '../../src/donations/donation-ledger.repository';
import { DonationLedgerService } from '../../src/donations/donation-ledger.service';
import { DonationsRepository } from '../../src/donations/donations.repository';
import { newOrderNo } from '../../src/donations/order-number';
import { REFUND_RECEIPT_STEP, RefundReceiptStep } from '../../src/donations/refund-receipt-step';
import { RefundsRepository } from '../../src/donations/refunds.repository';
import { ENTITIES } from '../../src/entities';
import { AuditLogRepository } from '../../src/staff/audit/audit-log.repository';
import { AuditLogService } from '../../src/staff/audit/audit-log.service';
import { TotalsCounters } from '../../src/totals/totals-counters';
import { TotalsCountersRepository } from '../../src/totals/totals-counters.repository';
import { TotalsEvents } from '../../src/totals/totals-events';
import { isolated, testEnv } from '../support/test-app';

describe('DonationLedgerService against PostgreSQL (medium)', () => {
  const own = isolated('ledger');
  let moduleRef: TestingModule;
  let ledger: DonationLedgerService;
  let db: DataSource;
  let campaignId: string;
  const refundSteps: { donationId: string; reason: string; inTransaction: boolean }[] = [];

  const recordingStep: RefundReceiptStep = {
    async voidForRefund(manager: EntityManager, donationId: string, reason: string) {
      // The step runs inside the ledger's transaction: its manager holds the refund's row lock.
      const [{ locked }] = await manager.query<{ locked: number }[]>(
        `SELECT count(*)::int AS locked FROM pg_locks WHERE pid = pg_backend_pid() AND locktype = 'transactionid'`,
      );
      refundSteps.push({ donationId, reason, inTransaction: locked > 0 });
      return { voidedReceiptNos: [], rejectedRequestIds: [] };
    },
  };

  beforeAll(async () => {
    const config = loadConfig(testEnv(own.env));
    moduleRef = await Test.createTestingModule({
      imports: [ConfigModule.forRoot(config), DatabaseModule.forRoot(ENTITIES)],
      providers: [
        DonationLedgerService,
        DonationLedgerRepository,
        DonationsRepository,
        RefundsRepository,
        CampaignsRepository,
        TotalsCounters,
        TotalsCountersRepository,
        TotalsEvents,
        AuditLogService,
        AuditLogRepository,
        { provide: REFUND_RECEIPT_STEP, useValue: recordingStep },
      ],
    }).compile();
    await moduleRef.init();
    ledger = moduleRef.get(DonationLedgerService);
    db = moduleRef.get<DataSource>(getDataSourceToken());
    const campaign = await moduleRef.get(CampaignsRepository).insert(db.manager, {
      code: `m-${randomUUID().slice(0, 8)}`,
      title: '中型测试',
      receiptPrefix: 'MD',
      goalFen: null,
      receiptThresholdFen: 10000,
      startsAt: null,
      endsAt: null,
      autoApproveReceipts: true,
      organisation: '北京温暖公益基金会',
      receiptPayee: null,
      disclosure: null,
      disclosureIntervalDays: 90,
    });
    campaignId = campaign.id;
  });

  afterAll(async () => {
    await moduleRef?.close();
    await own.drop();
  });

  async function pendingOrder(amountFen: number): Promise<string> {
    const orderNo = newOrderNo('MD');
    const written = await moduleRef.get(DonationsRepository).insertPending({
      orderNo,
      campaignId,
      fundId: null,
      channel: 'sandbox',
      amountFen,
      donorName: null,
      anonymous: false,
      showOnWall: false,
      phoneEnc: null,
      phoneHash: null,
      donorKey: `order:${orderNo}`,
      message: null,
      idempotencyKey: null,
      requestHash: null,
      paymentInstructions: null,
      expiresAt: new Date(Date.now() + 3600_000),
      payerOpenidEnc: null,
      claimTokenHash: null,
    });
    expect(written).not.toBeNull();
    return orderNo;
  }

  async function state(orderNo: string) {
    const [row] = await db.query<{ status: string; payments: number }[]>(
      `SELECT d.status, (SELECT count(*)::int FROM payments p WHERE p.donation_id = d.id) AS payments
         FROM donations d WHERE d.order_no = $1`,
      [orderNo],
    );
    return row;
  }

  async function countedFen(): Promise<number> {
    const [row] = await db.query<
      {
        fen: string;
      }[]
    >(`SELECT COALESCE(sum(amount_fen), 0)::bigint AS fen FROM campaign_counters WHERE campaign_id = $1`, [campaignId]);
    return Number(row.fen);
  }

  const confirm = (orderNo: string, amountFen: number, transactionId = `SBX-${randomUUID()}`) =>
    ledger.confirmPayment({ provider: 'sandbox', orderNo, transactionId, amountFen, paidAt: new Date() });

  it('settles a pending order once: paid, one payment, counted; the same notification again changes nothing', async () => {
    const before = await countedFen();
    const orderNo = await pendingOrder(5_000);
    await expect(confirm(orderNo, 5_000, 'SBX-ONCE-1')).resolves.toBe('PAID');
    await expect(confirm(orderNo, 5_000, 'SBX-ONCE-1')).resolves.toBe('DUPLICATE');
    expect(await state(orderNo)).toEqual({ status: 'paid', payments: 1 });
    expect((await countedFen()) - before).toBe(5_000);
  });

  it('refuses a payment of another amount and leaves the order pending and uncounted', async () => {
    const before = await countedFen();
    const orderNo = await pendingOrder(5_000);
    await expect(confirm(orderNo, 4_999)).rejects.toMatchObject({ code: 'AMOUNT_MISMATCH' });
    expect((await state(orderNo)).status).toBe('pending');
    expect(await countedFen()).toBe(before);
  });

  it('an unknown order and an order of another channel are ORDER_NOT_FOUND', async () => {
    await expect(confirm(newOrderNo('MD'), 100)).rejects.toMatchObject({ code: 'ORDER_NOT_FOUND' });
    const orderNo = await pendingOrder(100);
    await expect(ledger.confirmPayment({ provider: 'wechatpay', orderNo, transactionId: 'WX-1', amountFen: 100, paidAt: new Date() })).rejects.toMatchObject({
      code: 'ORDER_NOT_FOUND',
    });
    expect(await state(orderNo)).toEqual({ status: 'pending', payments: 0 });
  });

  it('twenty concurrent notifications of one order with different transaction ids: one PAID, the order counted once', async () => {
    const before = await countedFen();
    const orderNo = await pendingOrder(7_700);
    const outcomes = await Promise.all(Array.from({ length: 20 }, (_, i) => confirm(orderNo, 7_700, `SBX-RACE-${orderNo}-${i}`)));
    expect(outcomes.filter((o) => o === 'PAID')).toHaveLength(1);
    expect(outcomes.filter((o) => o !== 'PAID').every((o) => o === 'DUPLICATE_PAYMENT')).toBe(true);
    expect((await state(orderNo)).status).toBe('paid');
    expect((await countedFen()) - before).toBe(7_700);
  });

  it('a refund that succeeded takes the gift out of the totals and asks the receipts step inside its transaction, once', async () => {
    const orderNo = await pendingOrder(3_300);
    await confirm(orderNo, 3_300);
    const afterPaid = await countedFen();
    const [{ id: donationId }] = await db.query<{ id: string }[]>(`SELECT id FROM donations WHERE order_no = $1`, [orderNo]);
    const refundNo = `RF${Date.now()}`;
    await moduleRef.get(RefundsRepository).insert(db.manager, {
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
    await expect(ledger.settleRefund(settlement)).resolves.toBe('REFUNDED');
    await expect(ledger.settleRefund(settlement)).resolves.toBe('DUPLICATE');
    expect((await state(orderNo)).status).toBe('refunded');
    expect(afterPaid - (await countedFen())).toBe(3_300);
    expect(refundSteps.filter((s) => s.donationId === donationId)).toEqual([{ donationId, reason: expect.any(String), inTransaction: true }]);
  });
});
