import { Inject, Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { CampaignsService } from '../campaigns/campaigns.service';
import { campaignStatus } from '../campaigns/campaign.entity';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { normalizeMobile } from '../common/contact';
import { DomainError } from '../common/errors';
import { assertIdempotencyKey, assertSameRequest } from '../common/idempotency';
import { MAX_DONATION_FEN } from '../common/money';
import { PiiCipher } from '../common/pii-cipher';
import { cleanText } from '../common/text';
import { PaymentProviders } from '../payment-providers/payment-providers';
import type { PaymentClient, PaymentInstructions } from '../payment-providers/payment-provider';
import { Donation } from './donation.entity';
import { CreateDonationDto } from './dto/create-donation.dto';
import { CreatedDonationView, toCreatedDonationView } from './dto/donation.view';
import { ClaimTokens } from './claim-token';
import { newOrderNo } from './order-number';
import { DonationsRepository, WrittenOrder } from './donations.repository';

export type CreatedDonation = CreatedDonationView;

/**
 * Cash donation intake: a pending order per request, made exactly once per Idempotency-Key. The key
 * is a unique column, so retries and double clicks from any number of API processes give one order.
 */
@Injectable()
export class DonationIntakeService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly campaigns: CampaignsService,
    private readonly providers: PaymentProviders,
    private readonly pii: PiiCipher,
    private readonly claims: ClaimTokens,
    private readonly orders: DonationsRepository,
  ) {}

  async create(campaignCode: string, dto: CreateDonationDto, idempotencyKey: string | undefined, client?: PaymentClient): Promise<CreatedDonation> {
    assertIdempotencyKey(idempotencyKey);
    const found = await this.campaigns.forDonation(campaignCode);
    const campaign = found.campaign;
    if (!Number.isSafeInteger(dto.amountFen) || dto.amountFen < 1 || dto.amountFen > MAX_DONATION_FEN) {
      throw new DomainError('INVALID_AMOUNT', '捐赠金额须在 0.01 元至 1,000,000.00 元之间');
    }
    const phone = dto.phone === undefined || dto.phone.trim() === '' ? null : normalizeMobile(dto.phone);
    if (dto.phone !== undefined && dto.phone.trim() !== '' && phone === null) {
      throw new DomainError('INVALID_PHONE', '请输入正确的中国大陆手机号码');
    }
    const donorName = cleanText(dto.donorName);
    const message = cleanText(dto.message);
    const anonymous = dto.anonymous ?? false;
    const showOnWall = dto.showOnWall ?? false;
    const fundCode = dto.fundCode === undefined || dto.fundCode === '' ? null : dto.fundCode;
    const requestHash = createHash('sha256')
      .update(JSON.stringify([campaign.code, dto.amountFen, dto.channel, donorName, anonymous, showOnWall, phone, message, ...(fundCode ? [fundCode] : [])]))
      .digest('hex');

    if (campaignStatus(campaign) !== 'active') {
      // A retry of an order made while the campaign was open still gets its answer.
      const existing = idempotencyKey ? await this.findByKey(idempotencyKey) : null;
      if (existing) return this.replay(existing, requestHash, campaign.code, client);
      throw new DomainError('CAMPAIGN_NOT_ACTIVE', '该活动当前不接受捐赠');
    }
    const fund = fundCode ? this.campaigns.donationFund(found, fundCode) : null;
    const provider = this.providers.get(dto.channel);

    const phoneHash = phone ? this.pii.blindIndex(`phone:${phone}`) : null;
    const expiresAt = new Date(Date.now() + this.config.pendingOrderTtlMinutes * 60_000);
    // The provider is asked first and the order is written once, with its payment instructions, in
    // one statement that also settles the Idempotency-Key: a crash at any point leaves either no
    // order or a complete one. A retry with a known key finds its order when the insert does
    // nothing (the provider order made for that attempt is never shown to anyone and expires unpaid).
    for (let attempt = 0; attempt < 3; attempt++) {
      const orderNo = newOrderNo(campaign.receiptPrefix);
      const claimToken = this.claims.issue(orderNo);
      const payment = await provider.startPayment({ orderNo, amountFen: dto.amountFen, description: campaign.title, expiresAt, client });
      // A JSAPI order is made for one WeChat user: the ledger keeps whose (sealed), never the page.
      const payerOpenid = payment.tradeType === 'JSAPI' && payment.prepayId ? (client?.openid ?? null) : null;
      const written = await this.orders.insertPending({
        orderNo,
        campaignId: campaign.id,
        fundId: fund?.id ?? null,
        channel: dto.channel,
        amountFen: dto.amountFen,
        donorName,
        anonymous,
        showOnWall,
        phoneEnc: this.pii.encryptNullable(phone),
        phoneHash,
        donorKey: phoneHash ? `phone:${phoneHash}` : `order:${orderNo}`,
        message,
        idempotencyKey: idempotencyKey ?? null,
        requestHash: idempotencyKey ? requestHash : null,
        paymentInstructions: payment,
        expiresAt,
        claimTokenHash: this.claims.hash(claimToken),
        payerOpenidEnc: this.pii.encryptNullable(payerOpenid),
      });
      if (written) return this.view(written, campaign.code, payment as unknown as Record<string, unknown>);
      // The key is taken (an earlier attempt, or a concurrent double click): answer as it was answered.
      const winner = idempotencyKey ? await this.findByKey(idempotencyKey) : null;
      if (winner) return this.replay(winner, requestHash, campaign.code, client);
      // Otherwise the order number was taken by chance: draw another.
    }
    throw new Error('Could not allocate a unique order number');
  }

  /**
   * The JSAPI order made on the checkout page (the openid came by OAuth after the order): kept with
   * the openid it was made for, only while the order is pending and has no payer yet.
   */
  async attachJsapiPayment(orderNo: string, openid: string, payment: PaymentInstructions): Promise<boolean> {
    return this.orders.attachJsapiPayment(orderNo, this.pii.encrypt(openid), payment);
  }

  /** The openid a JSAPI order was made for, if any. */
  payerOpenidOf(donation: Pick<Donation, 'payerOpenidEnc'>): string | null {
    return this.pii.decryptNullable(donation.payerOpenidEnc);
  }

  private findByKey(key: string): Promise<Donation | null> {
    return this.orders.findByIdempotencyKey(key);
  }

  private async replay(existing: Donation, requestHash: string, campaignCode: string, client?: PaymentClient): Promise<CreatedDonation> {
    assertSameRequest(existing.requestHash, requestHash, '笔不同的捐赠');
    let payment = existing.paymentInstructions;
    if (!payment) {
      // The first attempt stopped before the provider answered: ask again, same order.
      const provider = this.providers.get(existing.channel);
      payment = await provider.startPayment({
        orderNo: existing.orderNo,
        amountFen: existing.amountFen,
        description: campaignCode,
        expiresAt: existing.expiresAt ?? new Date(),
        client: client && { ...client, openid: undefined }, // a JSAPI order gets its openid on the checkout page
      });
      await this.orders.update(existing.id, { paymentInstructions: payment });
    }
    return this.view(existing, campaignCode, payment);
  }

  private view(d: WrittenOrder, campaignCode: string, payment: Record<string, unknown>): CreatedDonation {
    // The token is derived from the order number; it is given back only while it still matches the
    // stored hash (an order made before claim tokens, or under a rotated APP_SECRET, has none to give).
    const claimToken = this.claims.issue(d.orderNo);
    const claim = d.claimTokenHash !== null && d.claimTokenHash === this.claims.hash(claimToken) ? { claimToken } : {};
    return toCreatedDonationView(d, campaignCode, payment, claim);
  }
}
