import { Inject, Injectable, Logger } from '@nestjs/common';
import Redis from 'ioredis';
import { createHmac, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { isValidEmail } from '../common/contact';
import { DomainError } from '../common/errors';
import { PiiCipher } from '../common/pii-cipher';
import { ClaimTokens } from '../donations/claim-token';
import { ORDER_NO_PATTERN } from '../donations/order-number';
import { MailerService } from '../mail/mailer.service';
import { REDIS } from '../redis/redis.tokens';
import { DonorReceiptsRepository } from './donor-receipts.repository';
import { DonorGiftListView, DonorGiftView, toDonorGiftView } from './dto/donor-gift.view';
import { ReceiptsService } from './receipts.service';

/** How long a one-time link mailed to a donor works. */
export const LOOKUP_LINK_MINUTES = 30;
/** How long the browser that opened a link may list and download (an HttpOnly cookie). */
export const LOOKUP_SESSION_MINUTES = 30;
/** Links mailed to one address per hour; beyond it nothing is sent, and the answer stays the same. */
const LINKS_PER_ADDRESS_PER_HOUR = 3;

/**
 * A donor's own receipts without staff: by the claim token of a gift (the result page), or by the
 * email address given in receipt requests, proven by a one-time link mailed to it (signed, expiring,
 * single use; asking answers the same whether or not the address is known).
 */
@Injectable()
export class DonorReceiptsService {
  private readonly logger = new Logger(DonorReceiptsService.name);
  private readonly linkKey: Buffer;
  private readonly sessionKey: Buffer;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(REDIS) private readonly redis: Redis,
    private readonly repository: DonorReceiptsRepository,
    private readonly claims: ClaimTokens,
    private readonly receipts: ReceiptsService,
    private readonly pii: PiiCipher,
    private readonly mailer: MailerService,
  ) {
    this.linkKey = Buffer.from(hkdfSync('sha256', config.appSecret, 'wennuan', 'lookup-link/v1', 32));
    this.sessionKey = Buffer.from(hkdfSync('sha256', config.appSecret, 'wennuan', 'lookup-session/v1', 32));
  }

  /**
   * The receipt PDF of a gift, for whoever holds its claim token. An unknown order and a wrong token
   * get the same answer, so the endpoint tells nothing about orders that are not the caller's.
   */
  async pdfByClaim(orderNo: string, token: string | undefined): Promise<{ receiptNo: string; pdf: Buffer }> {
    if (!token) throw new DomainError('CLAIM_TOKEN_REQUIRED', '请在完成捐赠的浏览器中下载，或提供这笔捐赠的凭证');
    const donation = ORDER_NO_PATTERN.test(orderNo) ? await this.repository.donationClaim(orderNo) : null;
    if (!donation || !this.claims.matches(token, donation.claimTokenHash)) {
      throw new DomainError('CLAIM_TOKEN_INVALID', '凭证与订单不符，无法下载这笔捐赠的票据');
    }
    const receiptNo = await this.repository.issuedReceiptOf(donation.id);
    if (!receiptNo) throw new DomainError('RECEIPT_NOT_FOUND', '这笔捐赠尚未开具捐赠证明/票据');
    return { receiptNo, pdf: await this.receipts.pdf(receiptNo) };
  }

  /** Whether `token` is the claim token of `orderNo` (the "查询我的捐赠" form). */
  async claimMatches(orderNo: string, token: string | undefined): Promise<boolean> {
    const donation = ORDER_NO_PATTERN.test(orderNo) ? await this.repository.donationClaim(orderNo) : null;
    return donation !== null && this.claims.matches(token, donation.claimTokenHash);
  }

  /**
   * Mails a one-time link to `email` when receipt requests were made with it. The caller answers the
   * same either way and at once: the look-up and the mail happen after the answer, so neither the
   * answer nor its timing depends on the address being known.
   */
  requestLink(email: unknown): void {
    const address = typeof email === 'string' ? email.trim().toLowerCase() : '';
    if (!isValidEmail(address)) throw new DomainError('INVALID_EMAIL', '请输入正确的电子邮箱地址');
    const emailHash = this.pii.blindIndex(`email:${address}`);
    setImmediate(() => {
      this.sendLink(address, emailHash).catch((error: unknown) =>
        this.logger.warn({ reason: error instanceof Error ? error.message : String(error) }, 'Lookup link not sent'),
      );
    });
  }

  private async sendLink(address: string, emailHash: string): Promise<void> {
    const counter = `lookup-link:rate:${emailHash}`;
    const sent = await this.redis.incr(counter);
    if (sent === 1) await this.redis.expire(counter, 3600);
    if (sent > LINKS_PER_ADDRESS_PER_HOUR) return;
    if (!(await this.repository.emailKnown(emailHash))) return;
    const token = await this.issueLink(emailHash);
    await this.mailer.send({
      to: address,
      subject: '查询我的捐赠：一次性登录链接',
      template: 'lookup-link',
      data: {
        url: `${this.config.publicBaseUrl.replace(/\/$/, '')}/my/link/${token}`,
        minutes: LOOKUP_LINK_MINUTES,
        organisation: this.config.organisationName,
      },
    });
  }

  /** `<nonce>.<expires (unix s)>.<HMAC>`: the nonce is kept in Redis until used or expired. */
  async issueLink(emailHash: string, now = Date.now()): Promise<string> {
    const nonce = randomBytes(24).toString('base64url');
    const expires = Math.floor(now / 1000) + LOOKUP_LINK_MINUTES * 60;
    await this.redis.set(`lookup-link:${nonce}`, emailHash, 'EX', LOOKUP_LINK_MINUTES * 60);
    return `${nonce}.${expires}.${this.sign(this.linkKey, `${nonce}.${expires}`)}`;
  }

  /** Checks a link without using it (the page that asks the donor to confirm). */
  checkLink(token: string, now = Date.now()): { nonce: string } {
    const m = /^([A-Za-z0-9_-]{32})\.(\d{1,12})\.([A-Za-z0-9_-]{43})$/.exec(typeof token === 'string' ? token : '');
    if (!m || !this.same(m[3], this.sign(this.linkKey, `${m[1]}.${m[2]}`))) throw new DomainError('LOOKUP_LINK_INVALID', '链接无效，请重新获取查询链接');
    if (Number(m[2]) * 1000 <= now) throw new DomainError('LOOKUP_LINK_EXPIRED', '链接已过期，请重新获取查询链接');
    return { nonce: m[1] };
  }

  /** Uses a link once: the answer is a session for the browser (cookie value), or why not. */
  async openLink(token: string, now = Date.now()): Promise<string> {
    const { nonce } = this.checkLink(token, now);
    const emailHash = await this.redis.getdel(`lookup-link:${nonce}`);
    if (!emailHash) throw new DomainError('LOOKUP_LINK_USED', '链接已使用过或已失效，请重新获取查询链接');
    const expires = Math.floor(now / 1000) + LOOKUP_SESSION_MINUTES * 60;
    return `${emailHash}.${expires}.${this.sign(this.sessionKey, `${emailHash}.${expires}`)}`;
  }

  /** The email hash a session cookie proves, or null (absent, forged or expired). */
  sessionOf(cookie: string | undefined, now = Date.now()): string | null {
    const m = /^([0-9a-f]{64})\.(\d{1,12})\.([A-Za-z0-9_-]{43})$/.exec(typeof cookie === 'string' ? cookie : '');
    if (!m || !this.same(m[3], this.sign(this.sessionKey, `${m[1]}.${m[2]}`)) || Number(m[2]) * 1000 <= now) return null;
    return m[1];
  }

  /** The email hash of a session, or 403 LOOKUP_SESSION_REQUIRED. */
  requireSession(cookie: string | undefined): string {
    const emailHash = this.sessionOf(cookie);
    if (!emailHash) throw new DomainError('LOOKUP_SESSION_REQUIRED', '请先通过邮件中的查询链接打开“查询我的捐赠”');
    return emailHash;
  }

  /** The requests made with the session's address: masked names, receipt status and download. */
  async giftsOf(emailHash: string): Promise<DonorGiftView[]> {
    return (await this.repository.requestsByEmail(emailHash)).map(toDonorGiftView);
  }

  /** GET /api/my-donations: the session's requests (403 LOOKUP_SESSION_REQUIRED without one). */
  async giftList(cookie: string | undefined): Promise<DonorGiftListView> {
    return { items: await this.giftsOf(this.requireSession(cookie)) };
  }

  /** A receipt of the session's address; any other receipt is unknown to it. */
  async pdfByEmail(receiptNo: string, emailHash: string | null): Promise<Buffer> {
    if (!emailHash) throw new DomainError('LOOKUP_SESSION_REQUIRED', '请先通过邮件中的查询链接打开“查询我的捐赠”');
    if (!/^[A-Z]{2,8}-\d{4}-\d{8}$/.test(receiptNo) || !(await this.repository.receiptOfEmail(receiptNo, emailHash))) {
      throw new DomainError('RECEIPT_NOT_FOUND', '未找到该票据');
    }
    return this.receipts.pdf(receiptNo);
  }

  private sign(key: Buffer, text: string): string {
    return createHmac('sha256', key).update(text, 'utf8').digest('base64url');
  }

  private same(a: string, b: string): boolean {
    return a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));
  }
}
