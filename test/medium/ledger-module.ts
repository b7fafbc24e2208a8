/**
 * The testing module of the medium specs (test/medium): the ledger, the totals counters and their
 * repositories in Nest's testing module, on a migrated database and Redis prefix of the suite's own
 * (isolated), without HTTP or queue workers. The receipts feature's refund step is given by the spec.
 * receiptsModule adds the receipt issuer and the receipts service (and the outbox they write to).
 */
import { randomUUID } from 'node:crypto';
import type { ModuleMetadata, Provider } from '@nestjs/common';
import { Test, TestingModule } from '@nestjs/testing';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { CampaignsRepository } from '../../src/campaigns/campaigns.repository';
import { CommonModule } from '../../src/common/common.module';
import { PiiCipher } from '../../src/common/pii-cipher';
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
import { InKindReceiptsModule } from '../../src/in-kind/in-kind.module';
import { MailModule } from '../../src/mail/mail.module';
import { OutboxRelay } from '../../src/outbox/outbox.relay';
import { OutboxRepository } from '../../src/outbox/outbox.repository';
import { OutboxService } from '../../src/outbox/outbox.service';
import { AggregateGiftRules } from '../../src/receipts/aggregate-gift-rules';
import { OfficialReceiptsRepository } from '../../src/receipts/official-receipts.repository';
import { OfficialReceiptsService } from '../../src/receipts/official-receipts.service';
import { ReceiptGlyphCoverage } from '../../src/receipts/pdf/receipt-glyph-coverage';
import { ReceiptGiftsRepository } from '../../src/receipts/receipt-gifts.repository';
import { ReceiptIssuerService } from '../../src/receipts/receipt-issuer.service';
import type { IssueReceiptJob } from '../../src/receipts/receipt-jobs';
import { ReceiptRequestsRepository } from '../../src/receipts/receipt-requests.repository';
import { ReceiptSigner } from '../../src/receipts/receipt-signer';
import { ReceiptSourcesRepository } from '../../src/receipts/receipt-sources.repository';
import { ReceiptStorage } from '../../src/receipts/receipt-storage';
import { ReceiptsRepository } from '../../src/receipts/receipts.repository';
import { ReceiptsService } from '../../src/receipts/receipts.service';
import { AuditLogRepository } from '../../src/staff/audit/audit-log.repository';
import { AuditLogService } from '../../src/staff/audit/audit-log.service';
import { TotalsCounters } from '../../src/totals/totals-counters';
import { TotalsCountersRepository } from '../../src/totals/totals-counters.repository';
import { TotalsEvents } from '../../src/totals/totals-events';
import { isolated, testEnv } from '../support/test-app';

const NO_RECEIPTS: RefundReceiptStep = {
  voidForRefund: () => Promise.resolve({ voidedReceiptNos: [], rejectedRequestIds: [] }),
};

/** What a medium spec adds to the testing module: modules to import, environment over the test settings. */
export interface MediumOptions {
  imports?: ModuleMetadata['imports'];
  env?: Record<string, string>;
}

export interface LedgerModule {
  moduleRef: TestingModule;
  db: DataSource;
  ledger: DonationLedgerService;
  /** A new active campaign (receipt prefix MD unless given); its id. */
  campaign(overrides?: { receiptPrefix?: string; title?: string }): Promise<string>;
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
  { init = true, imports = [], env = {} }: { init?: boolean } & MediumOptions = {},
): Promise<{ moduleRef: TestingModule; db: DataSource; close(): Promise<void> }> {
  const own = isolated(name);
  const moduleRef = await Test.createTestingModule({
    imports: [ConfigModule.forRoot(loadConfig(testEnv({ ...own.env, ...env }))), DatabaseModule.forRoot(ENTITIES), ...imports],
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

export async function ledgerModule(
  name: string,
  providers: Provider[] = [],
  refundStep: RefundReceiptStep = NO_RECEIPTS,
  options: MediumOptions = {},
): Promise<LedgerModule> {
  const { moduleRef, db, close } = await mediumModule(
    name,
    [
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
    ],
    options,
  );
  const ledger = moduleRef.get(DonationLedgerService);
  return {
    moduleRef,
    db,
    ledger,
    async campaign(overrides = {}) {
      const campaign = await moduleRef.get(CampaignsRepository).insert(db.manager, {
        code: `m-${randomUUID().slice(0, 8)}`,
        title: overrides.title ?? '中型测试',
        receiptPrefix: overrides.receiptPrefix ?? 'MD',
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

export interface ReceiptsModule extends LedgerModule {
  issuer: ReceiptIssuerService;
  receipts: ReceiptsService;
  /**
   * A paid gift of the campaign and its donor's request, queued for issue as an auto-approved
   * request with the donation's claim token leaves it (personal data encrypted); the issue job.
   */
  queuedRequest(campaignId: string, amountFen: number, donor?: { name?: string; invoiceTitle?: string; email?: string }): Promise<IssueReceiptJob>;
}

/**
 * The ledger's module with the receipt issuer, the receipts service and the outbox they write to
 * (its relay sends to the suite's own Redis prefix; no worker takes the jobs: the spec runs them).
 * `env`: SMTP_URL of a sink, for one.
 */
export async function receiptsModule(name: string, env: Record<string, string> = {}): Promise<ReceiptsModule> {
  const m = await ledgerModule(
    name,
    [
      ReceiptIssuerService,
      ReceiptsService,
      ReceiptsRepository,
      ReceiptRequestsRepository,
      ReceiptSourcesRepository,
      ReceiptGiftsRepository,
      OfficialReceiptsRepository,
      OfficialReceiptsService,
      AggregateGiftRules,
      ReceiptGlyphCoverage,
      ReceiptSigner,
      ReceiptStorage,
      OutboxService,
      OutboxRelay,
      OutboxRepository,
    ],
    NO_RECEIPTS,
    { imports: [CommonModule, MailModule, InKindReceiptsModule], env },
  );
  const pii = m.moduleRef.get(PiiCipher);
  return {
    ...m,
    issuer: m.moduleRef.get(ReceiptIssuerService),
    receipts: m.moduleRef.get(ReceiptsService),
    async queuedRequest(campaignId, amountFen, donor = {}) {
      const orderNo = await m.pendingOrder(campaignId, amountFen);
      await m.pay(orderNo, amountFen);
      const [{ id: donationId }] = await m.db.query<{ id: string }[]>(`SELECT id FROM donations WHERE order_no = $1`, [orderNo]);
      const email = donor.email ?? `donor-${orderNo.toLowerCase()}@example.com`;
      const phone = '13800138000';
      const idNumber = '11010519491231002X';
      const request = await m.moduleRef.get(ReceiptRequestsRepository).insert(m.db.manager, {
        campaignId,
        donationId,
        orderNo,
        bankReference: null,
        amountFen,
        donorType: 'individual',
        name: donor.name ?? '张伟',
        invoiceTitle: donor.invoiceTitle ?? donor.name ?? '张伟',
        idNumberEnc: pii.encrypt(idNumber),
        idNumberHash: pii.blindIndex(`id:${idNumber}`),
        creditCode: null,
        phoneEnc: pii.encrypt(phone),
        phoneHash: pii.blindIndex(`phone:${phone}`),
        emailEnc: pii.encrypt(email),
        emailHash: pii.blindIndex(`email:${email}`),
        mailingAddressEnc: null,
        screenshotPath: null,
        status: 'queued',
        matchMethod: 'order',
        proposedDonationId: null,
        claimVerified: true,
      });
      return { requestId: request.id, issueKey: `request:${request.id}` };
    },
  };
}
