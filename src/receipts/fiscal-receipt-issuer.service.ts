import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { DomainError, isUniqueViolation } from '../common/errors';
import { OutboxService } from '../outbox/outbox.service';
import { FISCAL_RECEIPT_PLATFORM, FiscalIssued, FiscalPlatformError, FiscalReceiptPlatform } from './fiscal-platform';
import { OfficialReceiptsRepository } from './official-receipts.repository';
import { OfficialReceiptsService } from './official-receipts.service';
import { ISSUE_FISCAL, IssueFiscalJob, RECEIPTS_QUEUE, VoidFiscalJob } from './receipt-jobs';
import { ReceiptRequestsRepository } from './receipt-requests.repository';
import { ReceiptSourcesRepository } from './receipt-sources.repository';
import { ReceiptsRepository } from './receipts.repository';
import { receiptFundName, receiptProjectName } from './receipt-project.repository';

/**
 * The platform route: one job per issued record asks the 财政电子票据 platform for its electronic
 * 公益事业捐赠票据 and attaches the answer. The request row (fiscal_receipt_requests) is written
 * with the record's PDF, so an outage loses nothing: a failed call throws and the job is retried
 * with backoff; after the last retry the row stays `pending` for staff to retry. The platform
 * is asked with the record's number as business number, so a repeated call (a crash after the
 * platform answered) gets the same receipt back, never a second one.
 */
@Injectable()
export class FiscalReceiptIssuerService {
  private readonly logger = new Logger(FiscalReceiptIssuerService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(FISCAL_RECEIPT_PLATFORM) private readonly platform: FiscalReceiptPlatform,
    private readonly repo: OfficialReceiptsRepository,
    private readonly officials: OfficialReceiptsService,
    private readonly outbox: OutboxService,
    private readonly receipts: ReceiptsRepository,
    private readonly requests: ReceiptRequestsRepository,
    private readonly sources: ReceiptSourcesRepository,
  ) {}

  /** The repeating sweep: every stalled pending request gets a new job (a duplicate finds the request issued and stops). */
  async sweep(): Promise<{ requeued: number }> {
    const stalled = await this.repo.stalledFiscalRequests(this.dataSource.manager, 10);
    for (const receiptId of stalled) {
      await this.dataSource.transaction(async (manager) => {
        await this.repo.touchFiscalRequest(manager, receiptId);
        const job: IssueFiscalJob = { receiptId };
        await this.outbox.add(manager, RECEIPTS_QUEUE, ISSUE_FISCAL, { ...job });
      });
    }
    if (stalled.length > 0) this.outbox.flush();
    return { requeued: stalled.length };
  }

  /** Voids on the platform the electronic receipt of a voided record (retried until the platform answers). */
  async void(job: VoidFiscalJob): Promise<{ voided: boolean }> {
    const receipt = await this.receipts.findById(job.receiptId);
    const official = receipt ? await this.repo.officialOf(this.dataSource.manager, receipt.id) : null;
    if (!receipt || receipt.status !== 'voided' || official?.source !== 'platform') return { voided: false };
    await this.platform.void(receipt.receiptNo, receipt.voidReason ?? '作废');
    this.logger.log({ receiptNo: receipt.receiptNo }, 'Fiscal receipt voided on the platform');
    return { voided: true };
  }

  async issue(job: IssueFiscalJob): Promise<{ status: string }> {
    const pending = await this.repo.fiscalRequest(this.dataSource.manager, job.receiptId);
    if (!pending || pending.status !== 'pending') return { status: pending?.status ?? 'missing' };
    const receipt = await this.receipts.getById(job.receiptId);
    const attached = await this.repo.officialOf(this.dataSource.manager, receipt.id);
    if (attached) {
      // Staff attached one by hand meanwhile: the platform is not asked for a second.
      await this.dataSource.transaction((manager) => this.repo.fiscalIssued(manager, receipt.id));
      return { status: 'issued' };
    }
    if (receipt.status !== 'issued') {
      await this.dataSource.transaction((manager) => this.repo.fiscalAttemptFailed(manager, receipt.id, 'receipt voided before the platform issued', true));
      return { status: 'refused' };
    }
    const campaign = await this.sources.getCampaign(receipt.campaignId);
    const request = await this.requests.getById(receipt.requestId);
    let issued: FiscalIssued;
    try {
      issued = await this.platform.issue({
        bizNo: receipt.receiptNo,
        payerName: receipt.invoiceTitle,
        // 交款人: an organisation is named with its 统一社会信用代码 (Art. 6).
        payerCreditCode: receipt.payerCreditCode ?? (request.donorType === 'organization' ? request.creditCode : null),
        projectName: receiptProjectName(campaign.title, await receiptFundName(this.dataSource.manager, receipt)),
        amountFen: receipt.amountFen,
        donatedAt: receipt.donatedAt,
        remark: `捐赠记录 ${receipt.receiptNo}${receipt.aggregate ? '（合并开具，逐笔明细见捐赠记录）' : ''}`,
      });
    } catch (error) {
      const refused = error instanceof FiscalPlatformError && !error.transient;
      await this.dataSource.transaction((manager) => this.repo.fiscalAttemptFailed(manager, receipt.id, (error as Error).message, refused));
      this.logger.warn({ receiptNo: receipt.receiptNo, refused, reason: (error as Error).message }, 'Fiscal platform call failed');
      if (refused) return { status: 'refused' };
      throw error;
    }
    const file = await this.officials.storeFile(receipt.receiptNo, issued.pdf);
    try {
      await this.dataSource.transaction(async (manager) => {
        const locked = await this.repo.fiscalRequest(manager, receipt.id, true);
        if (!locked || locked.status !== 'pending') return;
        if (await this.repo.officialOf(manager, receipt.id)) {
          await this.repo.fiscalIssued(manager, receipt.id);
          return;
        }
        await this.officials.attachFromPlatform(manager, receipt, { ...issued, file });
        await this.repo.fiscalIssued(manager, receipt.id);
      });
    } catch (error) {
      if (isUniqueViolation(error) || (error instanceof DomainError && error.code === 'RECEIPT_NUMBER_USED')) {
        // The platform answered a code and number already attached elsewhere: never trusted.
        await this.dataSource.transaction((manager) =>
          this.repo.fiscalAttemptFailed(manager, receipt.id, `platform answered a receipt number already attached (${issued.code} ${issued.number})`, false),
        );
      }
      throw error;
    }
    this.outbox.flush();
    return { status: 'issued' };
  }
}
