import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { UnrecoverableError } from 'bullmq';
import { DataSource, EntityManager } from 'typeorm';
import { Campaign } from '../campaigns/campaign.entity';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { isUniqueViolation } from '../common/errors';
import { crashPoint } from '../common/faults';
import { formatYuanDisplay, toChineseCapitals } from '../common/money';
import { PiiCipher } from '../common/pii-cipher';
import { Donation } from '../donations/donation.entity';
import { InKindReceiptBasisService } from '../in-kind/in-kind-receipt-basis.service';
import { MailerService, OutgoingMail } from '../mail/mailer.service';
import { QUEUE_WORKER_LOCK } from '../config/queue-lock';
import { receiptSends } from './receipt-sends.repository';
import { receiptIssuing } from './receipt-issuing.repository';
import { OutboxService } from '../outbox/outbox.service';
import { receiptsIssued, receiptsMailed } from '../metrics/metrics';
import { OfficialReceiptRow, OfficialReceiptsRepository } from './official-receipts.repository';
import { receiptTitle, renderReceiptPdf } from './pdf/receipt-pdf.renderer';
import {
  EMAIL_RECEIPT,
  EmailReceiptJob,
  EmailVoidedJob,
  ISSUE_FISCAL,
  IssueFiscalJob,
  IssueReceiptJob,
  RECEIPTS_QUEUE,
  RenderOfficialJob,
} from './receipt-jobs';
import { ReceiptRequest } from './receipt-request.entity';
import { ReceiptSigner } from './receipt-signer';
import { pdfSha256, ReceiptStorage } from './receipt-storage';
import { Receipt } from './receipt.entity';
import { ReceiptRequestsRepository } from './receipt-requests.repository';
import { ReceiptSourcesRepository } from './receipt-sources.repository';
import { ReceiptsRepository } from './receipts.repository';
import { receiptFund, receiptOrderNo, receiptProjectCode, receiptProjectName } from './receipt-project.repository';
import { ReceiptGiftsRepository } from './receipt-gifts.repository';

/**
 * What the first issue of a record already read, so rendering and the first mail need not read it
 * again: the request (locked when read), the campaign, and the donation of a single cash gift.
 */
interface Issuing {
  receipt: Receipt;
  request: ReceiptRequest;
  campaign?: Campaign;
  donation?: Donation;
  /** Created (and numbered) by this run of the job, not found from an earlier one. */
  created?: boolean;
}

/** Thrown inside the numbering transaction to roll it back: the record of this issue key exists already. */
class IssuedBefore extends Error {}

/** 复核人 of a request approved by its claim tokens, with no staff member involved. */
export const AUTO_REVIEWER = '系统自动核验';

const SHANGHAI_YEAR = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric' });

export function receiptNumber(prefix: string, year: number, seq: number): string {
  return `${prefix}-${year}-${String(seq).padStart(8, '0')}`;
}

/**
 * Issues receipts, in three steps that can each be repeated safely:
 * 1. allocate: one transaction takes the next number of the receipt series (the campaign's prefix
 *    and the year) and records the receipt under its issue key; a crash before commit gives the
 *    number back, a crash after finds the receipt on the next run. The database allows one live
 *    receipt per donation.
 * 2. render: the PDF is rendered from the recorded receipt, stored, and its hash recorded.
 * 3. email: a separate job with its own retries; a mail failure never touches the receipt.
 */
@Injectable()
export class ReceiptIssuerService {
  private readonly logger = new Logger(ReceiptIssuerService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly outbox: OutboxService,
    private readonly pii: PiiCipher,
    private readonly signer: ReceiptSigner,
    private readonly storage: ReceiptStorage,
    private readonly mailer: MailerService,
    private readonly goods: InKindReceiptBasisService,
    private readonly officials: OfficialReceiptsRepository,
    private readonly gifts: ReceiptGiftsRepository,
    private readonly receipts: ReceiptsRepository,
    private readonly requests: ReceiptRequestsRepository,
    private readonly sources: ReceiptSourcesRepository,
  ) {}

  async issue(job: IssueReceiptJob): Promise<{ receiptNo: string } | { skipped: string }> {
    const issuing = await this.allocate(job);
    if (!issuing) return { skipped: 'request no longer approved' };
    crashPoint(this.config.faultPoints, 'receipt:after-number');
    const rendered = await this.render(issuing);
    crashPoint(this.config.faultPoints, 'receipt:after-pdf');
    if (rendered.firstMail) await this.mailFirst(issuing, rendered.firstMail);
    return { receiptNo: issuing.receipt.receiptNo };
  }

  /** Step 1. Returns the receipt of this issue key, creating it (and taking its number) once. */
  async allocate(job: IssueReceiptJob): Promise<Issuing | null> {
    try {
      const issuing = await this.dataSource.transaction(async (manager) => {
        const read = await this.requests.lockForIssuing(manager, job.requestId);
        if (!read) throw new UnrecoverableError(`receipt request ${job.requestId} not found`);
        const { request, campaign } = read;
        if (request.status !== 'queued' && !(job.replacesReceiptId && request.status === 'issued')) {
          // Issued already, perhaps by an earlier run of this job; or no longer to be issued.
          const existing = await this.receipts.findByIssueKey(job.issueKey, manager);
          return existing ? { receipt: existing, request } : null;
        }
        // The gift: a paid donation of money, or received goods valued by the warehouse.
        let gift: { donationId: string | null; inKindDonationId: string | null; amountFen: number; donatedAt: Date };
        let aggregate: { donationId: string; amountFen: number; donatedAt: Date }[] | null = null;
        const donation = read.donation ?? undefined;
        if (donation) {
          if (donation.status !== 'paid' || !donation.paidAt) throw new UnrecoverableError(`donation ${donation.orderNo} is not paid`);
          gift = { donationId: donation.id, inKindDonationId: null, amountFen: donation.amountFen, donatedAt: donation.paidAt };
        } else if (request.inKindDonationId) {
          const basis = await this.goods.forDonation(request.inKindDonationId, manager);
          if (!basis) throw new UnrecoverableError(`in-kind donation ${request.inKindDonationId} has nothing received to receipt`);
          gift = { donationId: null, inKindDonationId: basis.inKindDonationId, amountFen: request.amountFen, donatedAt: basis.donatedAt };
        } else if (request.aggregate) {
          // 合并开具: the gifts the request holds, each paid, on one record.
          aggregate = await this.aggregateGifts(manager, request.id);
          gift = {
            donationId: null,
            inKindDonationId: null,
            amountFen: aggregate.reduce((sum, g) => sum + g.amountFen, 0),
            donatedAt: new Date(Math.max(...aggregate.map((g) => g.donatedAt.getTime()))),
          };
        } else {
          throw new UnrecoverableError(`receipt request ${request.id} names no gift`);
        }

        const issuedAt = new Date();
        const fields = {
          campaignId: campaign.id,
          year: Number(SHANGHAI_YEAR.format(issuedAt)),
          issueKey: job.issueKey,
          requestId: request.id,
          donationId: gift.donationId,
          inKindDonationId: gift.inKindDonationId,
          replacesReceiptId: job.replacesReceiptId ?? null,
          donorName: job.overrides?.name ?? request.name,
          invoiceTitle: job.overrides?.invoiceTitle ?? request.invoiceTitle,
          amountFen: gift.amountFen,
          donatedAt: gift.donatedAt,
          issuedAt,
          aggregate: aggregate !== null,
          ...(await this.art6(manager, request, campaign)),
        };
        // The number and the record in one statement; the counter row stays locked only until the commit.
        const numbered = await receiptIssuing.numberAndInsert(manager, { ...fields, receiptPrefix: campaign.receiptPrefix });
        // An earlier run of this job recorded it (and crashed before the PDF): give this number back.
        if (!numbered) throw new IssuedBefore();
        if (numbered.receiptNo !== receiptNumber(campaign.receiptPrefix, fields.year, numbered.seq)) {
          throw new Error(`receipt number ${numbered.receiptNo} does not spell sequence ${numbered.seq}`); // rolled back: no number used
        }
        // The record as numbered, in memory (every column: what was inserted and the table's defaults).
        const receipt = Object.assign(new Receipt(), {
          ...fields,
          id: numbered.id,
          seq: numbered.seq,
          receiptNo: numbered.receiptNo,
          createdAt: numbered.createdAt,
          status: 'issued',
          emailCount: 0,
          emailQueued: 0,
          pdfPath: null,
          pdfSha256: null,
          pdfOfficialId: null,
          emailClaimedAt: null,
          emailedAt: null,
          voidedAt: null,
          voidEmailedAt: null,
          voidReason: null,
          voidedBy: null,
        });
        if (aggregate) await this.gifts.insertReceiptGifts(manager, receipt.id, aggregate);
        // The request shows `issued` only once the PDF exists (step 2).
        return { receipt, request, campaign, donation, created: true };
      });
      if (issuing?.created) receiptsIssued.inc();
      return issuing;
    } catch (error) {
      if (error instanceof IssuedBefore) return this.issuedBefore(job);
      if (
        isUniqueViolation(error, 'receipts_live_per_donation') ||
        isUniqueViolation(error, 'receipts_live_per_in_kind_donation') ||
        isUniqueViolation(error, 'receipt_gifts_live_per_donation')
      ) {
        // Another live receipt exists for this donation: issuing this one would make two.
        throw new UnrecoverableError(`donation of request ${job.requestId} already has a live receipt`);
      }
      throw error;
    }
  }

  /** The record an earlier run of this job created, with its request (read as the first run left them). */
  private async issuedBefore(job: IssueReceiptJob): Promise<Issuing | null> {
    const receipt = await this.receipts.findByIssueKey(job.issueKey);
    if (!receipt) throw new Error(`receipt of ${job.issueKey} neither created nor found; retried`);
    const request = await this.requests.getById(receipt.requestId);
    return { receipt, request };
  }

  /** The gifts an aggregate request holds, each a paid donation; anything else cannot be issued. */
  private async aggregateGifts(manager: EntityManager, requestId: string): Promise<{ donationId: string; amountFen: number; donatedAt: Date }[]> {
    const held = (await this.gifts.requestGifts(manager, requestId)).filter((g) => g.held);
    if (held.length < 2) throw new UnrecoverableError(`aggregate receipt request ${requestId} holds ${held.length} gifts`);
    const donations = await this.sources.findDonations(
      manager,
      held.map((g) => g.donation_id!),
    );
    const byId = new Map(donations.map((d) => [d.id, d]));
    return held.map((g) => {
      const d = byId.get(g.donation_id!);
      if (!d || d.status !== 'paid' || !d.paidAt) throw new UnrecoverableError(`donation ${g.order_no} of aggregate request ${requestId} is not paid`);
      return { donationId: d.id, amountFen: d.amountFen, donatedAt: d.paidAt };
    });
  }

  /** Art. 6 fields kept on the record as issued: the organisation's credit code, 复核人 and 收款人. */
  private async art6(manager: EntityManager, request: ReceiptRequest, campaign: Campaign) {
    const reviewer = request.reviewedBy ? await this.officials.staffName(manager, request.reviewedBy) : null;
    return {
      payerCreditCode: request.donorType === 'organization' ? request.creditCode : null,
      reviewerName: reviewer ?? (request.reviewedBy ? null : AUTO_REVIEWER),
      payeeName: campaign.receiptPayee,
    };
  }

  /**
   * Step 2. Renders and stores the PDF once; a repeat finds the hash recorded. The first e-mail is
   * an outbox row written with the hash, so it survives a Redis that loses its queue. The row is
   * held back from the relay for as long as a worker holds a job (QUEUE_LOCK_DURATION_MS), because
   * this job mails it at once itself (mailFirst); should this process die first, or that mail
   * fail, the row goes to the queue as any other and its job mails the receipt.
   */
  async render(issuing: Issuing): Promise<{ firstMail: { outboxId: string; pdf: Buffer; official: OfficialReceiptRow | null } | null }> {
    const { receipt } = issuing;
    if (receipt.pdfSha256) return { firstMail: null };
    // A record this job has just created has no official receipt yet: one attached from now on
    // queues its own render (RENDER_OFFICIAL), which waits for this one and then shows it.
    const official = issuing.created ? null : await this.officials.officialOf(this.dataSource.manager, receipt.id);
    const pdf = await this.renderPdf(receipt, receipt.status === 'voided', official, issuing);
    const stored = await this.storage.store(receipt.receiptNo, pdf);
    const email: EmailReceiptJob = { receiptId: receipt.id, sendNo: 1 };
    const record = (manager: EntityManager) =>
      receiptIssuing.recordRenderedPdf(
        manager,
        { receiptId: receipt.id, path: stored.path, sha256: stored.sha256, officialId: official?.id ?? null },
        { queue: RECEIPTS_QUEUE, jobName: EMAIL_RECEIPT, payload: { ...email }, heldForMs: QUEUE_WORKER_LOCK.lockDuration },
      );
    let recorded: { outboxId: string | null } | null;
    let fiscal = false;
    if (this.config.fiscalReceipts && !official) {
      // The platform route: the electronic 公益事业捐赠票据 is asked for through the outbox (retried),
      // in the transaction that records the PDF.
      recorded = await this.dataSource.transaction(async (manager) => {
        const done = await record(manager);
        if (done?.outboxId && (await this.officials.addFiscalRequest(manager, receipt.id))) {
          const job: IssueFiscalJob = { receiptId: receipt.id };
          await this.outbox.add(manager, RECEIPTS_QUEUE, ISSUE_FISCAL, { ...job });
          fiscal = true;
        }
        return done;
      });
    } else {
      // One statement: the record, the request's status and the first send's outbox row commit together.
      recorded = await record(this.dataSource.manager);
    }
    if (fiscal) this.outbox.flush();
    if (!recorded?.outboxId) return { firstMail: null };
    receipt.pdfPath = stored.path;
    receipt.pdfSha256 = stored.sha256;
    receipt.pdfOfficialId = official?.id ?? null;
    return { firstMail: { outboxId: recorded.outboxId, pdf, official } };
  }

  /**
   * The first mail of a record just rendered, sent by the job that rendered it, with the PDF it
   * has in memory and the request and campaign it read: no queue round, no second read of the
   * rows or of the file. It claims the send as the mail job does (so the two never both send) and
   * records the delivery and the outbox row's end together. Anything that goes wrong hands the
   * send to its outbox row, released to the relay at once: the mail job retries it.
   */
  private async mailFirst(issuing: Issuing, first: { outboxId: string; pdf: Buffer; official: OfficialReceiptRow | null }): Promise<void> {
    const { receipt } = issuing;
    const handOver = async (reason: string) => {
      this.logger.warn({ receiptNo: receipt.receiptNo, reason }, 'First receipt mail handed to its mail job');
      await this.outbox.release(first.outboxId);
    };
    try {
      if (!(await this.receipts.claimSend(receipt.id, 1))) return await handOver('the send is claimed or done');
      try {
        const campaign = issuing.campaign ?? (await this.sources.getCampaign(receipt.campaignId));
        const replaced = receipt.replacesReceiptId ? await this.receipts.findById(receipt.replacesReceiptId) : null;
        await this.mailer.send(this.receiptMail(receipt, issuing.request, campaign, replaced, first.official, first.pdf));
      } catch (error) {
        await this.receipts.releaseSendClaim(receipt.id);
        throw error;
      }
      await receiptSends.deliveredWithOutboxRow(this.dataSource.manager, receipt.id, 1, first.outboxId);
    } catch (error) {
      await handOver((error as Error).message).catch(() => undefined);
      return;
    }
    receiptsMailed.inc();
    this.logger.log({ receiptNo: receipt.receiptNo, sendNo: 1 }, 'Receipt mailed');
  }

  /**
   * An official receipt was attached: the PDF is rendered again (now titled 捐赠票据, with the
   * official code and number) and mailed to the donor. Before the first render, the first render
   * shows it; a repeat finds the PDF already showing it.
   */
  async renderOfficial(job: RenderOfficialJob): Promise<{ rendered: boolean }> {
    const receipt = await this.receipts.findById(job.receiptId);
    if (!receipt) throw new UnrecoverableError(`receipt ${job.receiptId} not found`);
    if (receipt.pdfOfficialId === job.officialId) return { rendered: false };
    if (!receipt.pdfSha256) throw new Error(`receipt ${receipt.receiptNo} has no PDF yet: the first render will show its official receipt`);
    const official = await this.officials.officialOf(this.dataSource.manager, receipt.id);
    if (!official || official.id !== job.officialId) return { rendered: false };
    const pdf = await this.renderPdf(receipt, receipt.status === 'voided', official);
    const stored = await this.storage.store(receipt.receiptNo, pdf);
    const mailed = await this.dataSource.transaction(async (manager) => {
      if (!(await this.officials.recordRenderedPdf(manager, receipt.id, official.id, stored))) return false;
      const current = await this.receipts.getById(receipt.id, manager);
      if (current.status !== 'issued') return false;
      // A send of its own, also when the first mail is still on its way (that one shows the 捐赠证明).
      const { sendNo } = await receiptSends.next(manager, receipt.id);
      const email: EmailReceiptJob = { receiptId: receipt.id, sendNo };
      await this.outbox.add(manager, RECEIPTS_QUEUE, EMAIL_RECEIPT, { ...email });
      return true;
    });
    if (mailed) this.outbox.flush();
    return { rendered: true };
  }

  /**
   * The stored PDF of a receipt with one recorded, as issued. The file is not flushed when written
   * (ReceiptStorage): one a power cut lost, or left other than its recorded hash, is rendered again
   * from the record with the official receipt it showed, stored again and given. Should those
   * bytes differ from the hash (the campaign's title or the template changed since), the hash is
   * recorded anew, so what the receipt's page shows names the file that is served.
   */
  async storedPdf(receipt: Receipt): Promise<Buffer> {
    if (!receipt.pdfPath || !receipt.pdfSha256) throw new Error(`receipt ${receipt.receiptNo} has no stored PDF`);
    const stored = await this.storage.read(receipt.pdfPath);
    if (stored && pdfSha256(stored) === receipt.pdfSha256) return stored;
    const official = receipt.pdfOfficialId ? await this.officials.officialOf(this.dataSource.manager, receipt.id) : null;
    const pdf = await this.renderPdf(receipt, false, official);
    const again = await this.storage.store(receipt.receiptNo, pdf);
    const same = again.sha256 === receipt.pdfSha256;
    if (!same) await this.receipts.recordRestoredPdf(receipt.id, { sha256: receipt.pdfSha256, officialId: receipt.pdfOfficialId }, again.sha256);
    this.logger.warn(
      { receiptNo: receipt.receiptNo, file: stored ? 'damaged' : 'missing', sameBytes: same },
      same ? 'Receipt PDF rendered again from its record' : 'Receipt PDF rendered again from its record: other bytes, hash recorded anew',
    );
    receipt.pdfPath = again.path;
    receipt.pdfSha256 = again.sha256;
    return pdf;
  }

  /** `known`: rows the caller has read already (the campaign; the donation of a single cash gift). */
  async renderPdf(
    receipt: Receipt,
    voided = receipt.status === 'voided',
    official?: OfficialReceiptRow | null,
    known: { campaign?: Campaign; donation?: Donation } = {},
  ): Promise<Buffer> {
    const campaign = known.campaign ?? (await this.sources.getCampaign(receipt.campaignId));
    const attached = official === undefined ? await this.officials.officialOf(this.dataSource.manager, receipt.id) : official;
    const donation = known.donation && known.donation.id === receipt.donationId ? known.donation : undefined;
    // A single cash gift without a designated fund has none to look up.
    const fund = donation && donation.fundId === null ? null : await receiptFund(this.dataSource.manager, receipt);
    const gifts = receipt.aggregate ? await this.gifts.receiptGifts(this.dataSource.manager, receipt.id) : [];
    const orderNo = donation ? donation.orderNo : await receiptOrderNo(this.dataSource.manager, receipt);
    return renderReceiptPdf({
      receiptNo: receipt.receiptNo,
      donorName: receipt.donorName,
      invoiceTitle: receipt.invoiceTitle,
      campaignTitle: receiptProjectName(campaign.title, fund?.name ?? null),
      projectCode: receiptProjectCode(campaign.code, fund?.code ?? null),
      payerCreditCode: receipt.payerCreditCode,
      reviewer: receipt.reviewerName,
      payee: receipt.payeeName,
      remark: orderNo ? `订单号 ${orderNo}` : null,
      gifts: gifts.map((g) => ({ donatedAt: g.donated_at, orderNo: g.order_no, amountFen: g.amount_fen })),
      amountFen: receipt.amountFen,
      donatedAt: receipt.donatedAt,
      issuedAt: receipt.issuedAt,
      organisation: campaign.organisation,
      verifyUrl: this.signer.verifyUrl(receipt.receiptNo),
      voided,
      items: receipt.inKindDonationId ? ((await this.goods.forDonation(receipt.inKindDonationId))?.items ?? []) : undefined,
      official: attached
        ? { kind: attached.kind, code: attached.code, number: attached.number, checkCode: attached.check_code, issuedAt: attached.issued_at }
        : null,
    });
  }

  /**
   * Step 3. Sends send number `sendNo` of a receipt at most once at a time: a claim on the row
   * keeps two workers from mailing together; a crash mid-send is retried after the claim expires.
   */
  async email(job: EmailReceiptJob): Promise<{ sent: boolean }> {
    if (!(await this.receipts.claimSend(job.receiptId, job.sendNo))) {
      const receipt = await this.receipts.findById(job.receiptId);
      if (!receipt || receipt.status !== 'issued' || receipt.emailCount >= job.sendNo) return { sent: false };
      throw new Error(`receipt ${receipt.receiptNo} is being mailed by another worker or its PDF is not stored yet`);
    }
    const receipt = await this.receipts.getById(job.receiptId);
    try {
      const request = await this.requests.getById(receipt.requestId);
      const campaign = await this.sources.getCampaign(receipt.campaignId);
      const replaced = receipt.replacesReceiptId ? await this.receipts.findById(receipt.replacesReceiptId) : null;
      const pdf = await this.storedPdf(receipt);
      // The mail says what the attached PDF is: a 捐赠票据 only when it shows an official receipt.
      const official = receipt.pdfOfficialId ? await this.officials.officialOf(this.dataSource.manager, receipt.id) : null;
      await this.mailer.send(this.receiptMail(receipt, request, campaign, replaced, official, pdf));
    } catch (error) {
      await this.receipts.releaseSendClaim(receipt.id);
      throw error;
    }
    await this.receipts.recordDelivered(receipt.id, job.sendNo);
    receiptsMailed.inc();
    this.logger.log({ receiptNo: receipt.receiptNo, sendNo: job.sendNo }, 'Receipt mailed');
    return { sent: true };
  }

  /** The receipt mail, its PDF attached; it says what the PDF is (a 捐赠票据 only when it shows an official receipt). */
  private receiptMail(
    receipt: Receipt,
    request: ReceiptRequest,
    campaign: Campaign,
    replaced: Receipt | null,
    official: OfficialReceiptRow | null,
    pdf: Buffer,
  ): OutgoingMail {
    const title = receiptTitle(official);
    return {
      to: this.pii.decrypt(request.emailEnc),
      subject: `${title} ${receipt.receiptNo}（${campaign.title}）`,
      template: 'receipt',
      data: {
        name: receipt.donorName,
        campaignTitle: campaign.title,
        receiptNo: receipt.receiptNo,
        amountDisplay: formatYuanDisplay(receipt.amountFen),
        amountCapitals: toChineseCapitals(receipt.amountFen),
        invoiceTitle: receipt.invoiceTitle,
        organisation: campaign.organisation,
        verifyUrl: this.signer.verifyUrl(receipt.receiptNo),
        reissued: replaced !== null,
        replacesReceiptNo: replaced?.receiptNo,
        official: official ? { code: official.code, number: official.number, checkCode: official.check_code } : null,
      },
      attachments: [{ filename: `${receipt.receiptNo}.pdf`, content: pdf, contentType: 'application/pdf' }],
    };
  }

  /** Tells the donor a receipt was voided, once (a claim on the row; a crash mid-send may send it twice, never zero times). */
  async emailVoided(job: EmailVoidedJob): Promise<{ sent: boolean }> {
    const receipt = await this.receipts.findById(job.receiptId);
    if (!receipt || receipt.status !== 'voided') return { sent: false };
    if (await this.receipts.voidEmailedAt(receipt.id)) return { sent: false };
    const request = await this.requests.getById(receipt.requestId);
    const campaign = await this.sources.getCampaign(receipt.campaignId);
    const official = await this.officials.officialOf(this.dataSource.manager, receipt.id);
    const title = receiptTitle(official);
    await this.mailer.send({
      to: this.pii.decrypt(request.emailEnc),
      subject: `${title} ${receipt.receiptNo} 已作废（${campaign.title}）`,
      template: 'voided',
      data: {
        name: receipt.donorName,
        title,
        campaignTitle: campaign.title,
        receiptNo: receipt.receiptNo,
        amountDisplay: formatYuanDisplay(receipt.amountFen),
        reason: receipt.voidReason,
        official: official ? { code: official.code, number: official.number } : null,
        reissue: job.reissue,
        organisation: campaign.organisation,
        verifyUrl: this.signer.verifyUrl(receipt.receiptNo),
      },
    });
    await this.receipts.recordVoidEmailed(receipt.id);
    return { sent: true };
  }

  async emailRejection(requestId: string): Promise<{ sent: boolean }> {
    const request = await this.requests.findById(requestId);
    if (!request || request.status !== 'rejected') return { sent: false };
    const campaign = await this.sources.getCampaign(request.campaignId);
    await this.mailer.send({
      to: this.pii.decrypt(request.emailEnc),
      subject: `开具申请未通过审核（${campaign.title}）`,
      template: 'rejection',
      data: { name: request.name, campaignTitle: campaign.title, requestId: request.id, reason: request.rejectReason, organisation: campaign.organisation },
    });
    return { sent: true };
  }
}
