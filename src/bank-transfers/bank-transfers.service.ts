import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Campaign } from '../campaigns/campaign.entity';
import type { CampaignFund } from '../campaigns/campaign-fund.entity';
import { CampaignsService } from '../campaigns/campaigns.service';
import { DomainError, isUniqueViolation } from '../common/errors';
import { maskName } from '../common/masking';
import { MAX_DONATION_FEN } from '../common/money';
import { PiiCipher } from '../common/pii-cipher';
import { cleanText } from '../common/text';
import { DonationLedgerService } from '../donations/donation-ledger.service';
import { Donation } from '../donations/donation.entity';
import { newOrderNo } from '../donations/order-number';
import { ReceiptArrivalsService } from '../receipts/receipt-arrivals.service';
import { AuditLogService } from '../staff/audit/audit-log.service';
import type { StaffPrincipal } from '../staff/auth/staff-principal';
import { BANK_REFERENCE_PATTERN as BANK_REFERENCE } from './bank-reference';
import { BankTransferOrdersRepository } from './bank-transfer-orders.repository';
import { RecordedTransferView, toRecordedTransferView } from './dto/bank-transfer.view';

export interface BankTransferInput {
  bankReference: string;
  amountFen: number;
  payerName: string;
  receivedAt: Date;
  payerAccount?: string | null;
  /** The designated fund (定向捐赠) the transfer was given to, or none; unknown → 422 FUND_NOT_FOUND. */
  fundCode?: string | null;
}

/**
 * Bank transfers entered by finance staff. Each becomes a donation (channel bank_transfer) that is
 * paid through the same ledger path as online payments, so totals and receipts treat both alike.
 * The bank reference is unique per campaign (a database index): the same statement line twice is
 * one donation. Recording is two steps (order, then payment); a retry after a crash between them
 * finds the unpaid order of that reference and completes it.
 */
@Injectable()
export class BankTransfersService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly orders: BankTransferOrdersRepository,
    private readonly campaigns: CampaignsService,
    private readonly ledger: DonationLedgerService,
    private readonly pii: PiiCipher,
    private readonly audit: AuditLogService,
    private readonly arrivals: ReceiptArrivalsService,
  ) {}

  async record(campaignCode: string, input: BankTransferInput, actor: StaffPrincipal): Promise<RecordedTransferView> {
    const campaign = await this.campaigns.findByCode(campaignCode);
    return this.recordFor(campaign, input, actor);
  }

  async recordFor(
    campaign: Campaign,
    input: BankTransferInput,
    actor: StaffPrincipal,
    options: { proposeToWaiting?: boolean } = {},
  ): Promise<RecordedTransferView> {
    const bankReference = input.bankReference.trim();
    if (!BANK_REFERENCE.test(bankReference)) throw new DomainError('VALIDATION_FAILED', '银行流水号须为 1-64 个字符（字母、数字或符号）');
    if (!Number.isSafeInteger(input.amountFen) || input.amountFen < 1 || input.amountFen > MAX_DONATION_FEN) {
      throw new DomainError('INVALID_AMOUNT', '金额须在 0.01 元至 1,000,000.00 元之间');
    }
    const payerName = cleanText(input.payerName);
    if (!payerName) throw new DomainError('VALIDATION_FAILED', '请填写付款人名称');
    if (!(input.receivedAt instanceof Date) || Number.isNaN(input.receivedAt.getTime()) || input.receivedAt.getTime() > Date.now() + 5 * 60_000) {
      throw new DomainError('INVALID_DATE', '到账时间不正确（不能晚于现在）');
    }
    const payerAccount = cleanText(input.payerAccount)?.replace(/\s+/g, '') ?? null;
    const fundCode = input.fundCode === undefined || input.fundCode === null || input.fundCode.trim() === '' ? null : input.fundCode.trim();
    const fund = fundCode ? await this.campaigns.fundByCode(campaign.id, fundCode) : null;

    const existing = await this.orders.findByReference(campaign.id, bankReference);
    let donation: Donation;
    if (existing) {
      if (existing.status === 'paid' || existing.status === 'refunded' || existing.amountFen !== input.amountFen || existing.fundId !== (fund?.id ?? null)) {
        throw duplicate(bankReference);
      }
      donation = existing; // an earlier attempt stopped before the payment step: finish it
    } else {
      donation = await this.createOrder(campaign, bankReference, input, payerName, payerAccount, fund, actor);
    }
    const outcome = await this.ledger.confirmPayment({
      provider: 'bank_transfer',
      orderNo: donation.orderNo,
      transactionId: `${campaign.code}:${bankReference}`,
      amountFen: donation.amountFen,
      paidAt: input.receivedAt,
    });
    // Racing requests for one reference: only the one whose payment settled the order succeeds.
    if (outcome !== 'PAID') throw duplicate(bankReference);
    const paid = await this.orders.getById(donation.id);
    // A receipt request made before the money arrived now sees it as its match (an import asks once, at its end).
    if (options.proposeToWaiting !== false) await this.arrivals.transfersArrived(campaign.id, [bankReference], actor);
    return toRecordedTransferView(paid, campaign.code, bankReference, { payerName, receivedAt: input.receivedAt }, fund?.code ?? null);
  }

  private async createOrder(
    campaign: Campaign,
    bankReference: string,
    input: BankTransferInput,
    payerName: string,
    payerAccount: string | null,
    fund: CampaignFund | null,
    actor: StaffPrincipal,
  ): Promise<Donation> {
    const orderNo = newOrderNo(campaign.receiptPrefix);
    // One donor per payer account when it is known; otherwise each transfer counts as its own donor.
    const donorKey = payerAccount ? `account:${this.pii.blindIndex(`account:${payerAccount}`)}` : `bank:${campaign.code}:${bankReference}`;
    try {
      return await this.dataSource.transaction(async (manager) => {
        await this.orders.insertPending(manager, {
          orderNo,
          campaignId: campaign.id,
          channel: 'bank_transfer',
          amountFen: input.amountFen,
          status: 'pending',
          donorName: payerName,
          anonymous: false,
          showOnWall: false,
          donorKey,
          bankReference,
          payerAccountEnc: this.pii.encryptNullable(payerAccount),
          fundId: fund?.id ?? null,
          expiresAt: null,
        });
        await this.audit.record(manager, actor, {
          action: 'bank_transfer.record',
          entity: 'donation',
          entityId: orderNo,
          after: {
            campaignCode: campaign.code,
            bankReference,
            amountFen: input.amountFen,
            payerName: maskName(payerName),
            receivedAt: input.receivedAt.toISOString(),
            fundCode: fund?.code ?? null,
          },
        });
        return this.orders.getByOrderNo(manager, orderNo);
      });
    } catch (error) {
      if (isUniqueViolation(error, 'donations_bank_reference_key')) throw duplicate(bankReference);
      throw error;
    }
  }
}

export function duplicate(bankReference: string): DomainError {
  return new DomainError('DUPLICATE_BANK_REFERENCE', `银行流水号 ${bankReference} 已登记过`);
}
