import { BullModule } from '@nestjs/bullmq';
import { Global, Module } from '@nestjs/common';
import { CampaignsModule } from '../campaigns/campaigns.module';
import { ClaimTokensModule } from '../donations/claim-token';
import { REFUND_RECEIPT_STEP } from '../donations/refund-receipt-step';
import { MailModule } from '../mail/mail.module';
import { PageRenderer } from '../common/page-renderer';
import { InKindReceiptsModule } from '../in-kind/in-kind.module';
import { AuditModule } from '../staff/audit/audit.module';
import { FISCAL_RECEIPT_PLATFORM, HttpFiscalReceiptPlatform } from './fiscal-platform';
import { FiscalReceiptIssuerService } from './fiscal-receipt-issuer.service';
import { OfficialReceiptsStaffController } from './official-receipts-staff.controller';
import { OfficialReceiptsRepository } from './official-receipts.repository';
import { OfficialReceiptsService } from './official-receipts.service';
import { ReceiptIssuerService } from './receipt-issuer.service';
import { ReceiptApprovalJobService } from './receipt-approval-job.service';
import { ReceiptApprovalProcessor } from './receipt-approval.processor';
import { APPROVALS_QUEUE, RECEIPTS_QUEUE } from './receipt-jobs';
import { ReceiptPagesController } from './receipt-pages.controller';
import { ReceiptRequestsController } from './receipt-requests.controller';
import { ReceiptRequestsService } from './receipt-requests.service';
import { ReceiptReviewService } from './receipt-review.service';
import { ReceiptSigner } from './receipt-signer';
import { ReceiptStorage } from './receipt-storage';
import { ReceiptsStaffController } from './receipts-staff.controller';
import { ReceiptsProcessor } from './receipts.processor';
import { ReceiptsService } from './receipts.service';
import { ScreenshotStorage } from './screenshot-storage';
import { AggregateGiftRules } from './aggregate-gift-rules';
import { AggregateReceiptRequestsService } from './aggregate-receipt-requests.service';
import { ReceiptGiftsRepository } from './receipt-gifts.repository';
import { ReceiptRequestsRepository } from './receipt-requests.repository';
import { ReceiptSourcesRepository } from './receipt-sources.repository';
import { ReceiptsRepository } from './receipts.repository';
import { ReceiptGlyphCoverage } from './pdf/receipt-glyph-coverage';
import { DonorReceiptsController } from './donor-receipts.controller';
import { DonorReceiptsRepository } from './donor-receipts.repository';
import { DonorReceiptsService } from './donor-receipts.service';
import { MyDonationsPagesController } from './my-donations-pages.controller';

const shared = [
  ReceiptIssuerService,
  ReceiptGiftsRepository,
  ReceiptRequestsRepository,
  ReceiptsRepository,
  ReceiptSourcesRepository,
  AggregateGiftRules,
  ReceiptSigner,
  ReceiptStorage,
  OfficialReceiptsRepository,
  OfficialReceiptsService,
  { provide: FISCAL_RECEIPT_PLATFORM, useClass: HttpFiscalReceiptPlatform },
];

/**
 * Receipts: donors' requests (personal data encrypted), staff review, void and reissue, public
 * verification. Approvals hand work to the `receipts` queue through the outbox. Global for one
 * thing: the ledger's refund step (REFUND_RECEIPT_STEP), which voids a refunded gift's receipt.
 */
@Global()
@Module({
  imports: [CampaignsModule, AuditModule, ClaimTokensModule, MailModule, InKindReceiptsModule, BullModule.registerQueue({ name: RECEIPTS_QUEUE })],
  controllers: [
    ReceiptRequestsController,
    ReceiptsStaffController,
    OfficialReceiptsStaffController,
    ReceiptPagesController,
    DonorReceiptsController,
    MyDonationsPagesController,
  ],
  providers: [
    ...shared,
    ReceiptRequestsService,
    AggregateReceiptRequestsService,
    ReceiptReviewService,
    ReceiptApprovalJobService,
    ReceiptsService,
    ReceiptGlyphCoverage,
    ScreenshotStorage,
    DonorReceiptsRepository,
    DonorReceiptsService,
    PageRenderer,
    { provide: REFUND_RECEIPT_STEP, useExisting: ReceiptsService },
  ],
  exports: [ReceiptRequestsService, REFUND_RECEIPT_STEP],
})
export class ReceiptsModule {}

/** The issuing and mass-approval workers, loaded only in processes that run workers (APP_ROLE=all|worker). */
@Module({
  imports: [
    MailModule,
    InKindReceiptsModule,
    AuditModule,
    BullModule.registerQueue({ name: RECEIPTS_QUEUE }),
    BullModule.registerQueue({ name: APPROVALS_QUEUE }),
  ],
  providers: [...shared, ReceiptsProcessor, FiscalReceiptIssuerService, ReceiptReviewService, ScreenshotStorage, ReceiptApprovalProcessor],
})
export class ReceiptsWorkerModule {}
