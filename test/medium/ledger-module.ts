/**
 * The testing module of the medium specs (test/medium): the ledger, the totals counters and their
 * repositories in Nest's testing module, on a migrated database and Redis prefix of the suite's own
 * (isolated), without HTTP or queues. The receipts feature's refund step is given by the spec.
 */
import { randomUUID } from 'node:crypto';
import type { Provider } from '@nestjs/common';
import { Test, TestingModule } from '@nestjs/testing';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
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

const NO_RECEIPTS: RefundReceiptStep = {
  voidForRefund: () => Promise.resolve({ voidedReceiptNos: [], rejectedRequestIds: [] }),
};

export interface LedgerModule {
  moduleRef: TestingModule;
  db: DataSource;
  ledger: DonationLedgerService;
  /** A new active campaign; its id. */
  campaign(): Promise<string>;
  /** A pending sandbox order of the campaign, as the intake writes it; its order number. */
  pendingOrder(campaignId: string, amountFen: number, donorKey?: string): Promise<string>;
  /** Pays an order through the ledger as the sandbox provider's notification does. */
  pay(orderNo: string, amountFen: number, transactionId?: string): Promise<string>;
  close(): Promise<void>;
}

/**
 * Nest's testing module with `providers` over the service's own configuration (test settings) and
 * database module: a migrated database and Redis prefix of the suite's own. Lifecycle hooks run only
 * with `init` (a relay's timers, Redis clients opened in onModuleInit).
 */
export async function mediumModule(
  name: string,
  providers: Provider[],
  { init = true } = {},
): Promise<{ moduleRef: TestingModule; db: DataSource; close(): Promise<void> }> {
  const own = isolated(name);
  const moduleRef = await Test.createTestingModule({
    imports: [ConfigModule.forRoot(loadConfig(testEnv(own.env))), DatabaseModule.forRoot(ENTITIES)],
    providers,
  }).compile();
  if (init) await moduleRef.init();
  return {
    moduleRef,
    db: moduleRef.get<DataSource>(getDataSourceToken()),
    async close() {
      await moduleRef.close();
      await own.drop();
    },
  };
}

export async function ledgerModule(name: string, providers: Provider[] = [], refundStep: RefundReceiptStep = NO_RECEIPTS): Promise<LedgerModule> {
  const { moduleRef, db, close } = await mediumModule(name, [
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
    { provide: REFUND_RECEIPT_STEP, useValue: refundStep },
    ...providers,
  ]);
  const ledger = moduleRef.get(DonationLedgerService);
  return {
    moduleRef,
    db,
    ledger,
    async campaign() {
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
      return campaign.id;
    },
    async pendingOrder(campaignId, amountFen, donorKey) {
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
        donorKey: donorKey ?? `order:${orderNo}`,
        message: null,
        idempotencyKey: null,
        requestHash: null,
        paymentInstructions: null,
        expiresAt: new Date(Date.now() + 3600_000),
        payerOpenidEnc: null,
        claimTokenHash: null,
      });
      if (!written) throw new Error(`order ${orderNo} was not written`);
      return orderNo;
    },
    pay(orderNo, amountFen, transactionId = `SBX-${randomUUID()}`) {
      return ledger.confirmPayment({ provider: 'sandbox', orderNo, transactionId, amountFen, paidAt: new Date() });
    },
    close,
  };
}
