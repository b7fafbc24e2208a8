import { Body, Controller, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { randomUUID } from 'node:crypto';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { CampaignsService } from '../campaigns/campaigns.service';
import { DomainError } from '../common/errors';
import { isIdempotencyKey } from '../common/idempotency';
import { RateLimit } from '../common/rate-limit';
import { donationAmountFen, type DonationAmount } from '../common/donation-amount';
import { formatYuan, groupedYuanBrief, MAX_DONATION_FEN, normalizeYuanInput } from '../common/money';
import { ClaimTokens, claimTokenFromCookie, setClaimCookie } from '../donations/claim-token';
import { DonationIntakeService } from '../donations/donation-intake.service';
import { CreateDonationDto, DONATION_CHANNELS } from '../donations/dto/create-donation.dto';
import { DonationsService } from '../donations/donations.service';
import { SandboxProvider } from '../payment-providers/sandbox.provider';
import { paymentClientKind, paymentClientOf } from '../payment-providers/payment-client';
import type { PaymentClientKind } from '../payment-providers/payment-provider';
import { WechatOAuthService } from '../payment-providers/wechatpay/wechat-oauth.service';
import { PaymentProviders } from '../payment-providers/payment-providers';
import { SandboxNotificationService } from '../payments/sandbox-notification.service';
import { TotalsService } from '../totals/totals.service';
import { disclosureLines } from '../campaigns/campaign-disclosure';
import { PageRenderer } from '../common/page-renderer';

const CHANNEL_LABELS: Record<string, string> = { sandbox: '模拟支付（测试）', wechatpay: '微信支付', alipay: '支付宝' };
const STATUS_LABELS: Record<string, string> = { pending: '等待支付确认', paid: '捐赠成功', failed: '支付失败', refunded: '已退款' };
/** The way to pay offered first where the page is opened. */
const PREFERRED: Record<PaymentClientKind, string | null> = { wechat: 'wechatpay', alipay: 'alipay', mobile: null, desktop: null };
const PRESETS_FEN = [2000, 5000, 10000, 20000, 50000, 100000];
/** Campaigns listed on the home page at most (newest first). */
const HOME_CAMPAIGNS = 50;

/** Donor pages: the QR code's landing page, the sandbox checkout and the result page. */
@ApiExcludeController()
@Controller()
export class PagesController {
  constructor(
    private readonly pages: PageRenderer,
    private readonly campaigns: CampaignsService,
    private readonly donations: DonationsService,
    private readonly intake: DonationIntakeService,
    private readonly totals: TotalsService,
    private readonly providers: PaymentProviders,
    private readonly sandbox: SandboxProvider,
    private readonly sandboxNotifications: SandboxNotificationService,
    private readonly claims: ClaimTokens,
    private readonly wechatOAuth: WechatOAuthService,
  ) {}

  /** The foundation's home page: its active campaigns, each with its totals and the ways in. */
  @Get()
  async home(@Res() reply: FastifyReply) {
    await this.page(reply, async () => {
      const active = (await this.campaigns.list()).items.filter((c) => c.status === 'active').slice(0, HOME_CAMPAIGNS);
      const campaigns = [];
      for (const c of active) {
        const totals = await this.totals.forCampaign(c.code);
        campaigns.push({
          code: c.code,
          title: c.title,
          organisation: c.disclosure?.organizationName ?? c.organisation,
          goalYuan: c.goalYuan,
          amountYuan: formatYuan(totals.amountFen),
          donorCount: totals.donorCount,
        });
      }
      return ['home', { title: '北京市温暖基金会 · 正在进行的募捐', campaigns }];
    });
  }

  /**
   * The QR code's landing page. Inside WeChat with JSAPI on, a browser without the donor's openid is
   * first sent through the silent OAuth (snsapi_base), which comes straight back here; a failed
   * OAuth comes back with `wxauth=failed` and the page offers the other ways.
   */
  @Get('donate/:code')
  async donate(@Param('code') code: string, @Query('wxauth') wxauth: string | undefined, @Req() req: FastifyRequest, @Res() reply: FastifyReply) {
    const kind = paymentClientKind(req.headers['user-agent']);
    if (
      kind === 'wechat' &&
      wxauth === undefined &&
      this.wechatOAuth.isEnabled() &&
      !this.wechatOAuth.openidOf(req) &&
      WechatOAuthService.isSafeNext(`/donate/${code}`) &&
      (await this.campaigns.findByCode(code).then(
        () => true,
        () => false,
      ))
    ) {
      return this.wechatOAuth.redirect(req, reply, `/donate/${code}`);
    }
    await this.page(reply, () => this.donateView(code, { kind }));
  }

  /**
   * The same form without JavaScript: a plain form post. The page carries an idempotency key, so
   * a double tap or a resubmitted form gives one order; a refusal shows the form again, filled in.
   */
  @Post('donate/:code')
  @RateLimit('public-writes')
  async donateWithoutScript(
    @Param('code') code: string,
    @Body() body: Record<string, unknown> | undefined,
    @Req() req: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    await this.page(reply, async () => {
      const form = formFields(body);
      const key = isIdempotencyKey(form.idempotencyKey) ? form.idempotencyKey : randomUUID();
      const refuse = async (status: number, error: string, freshKey = false) => {
        const [template, data] = await this.donateView(code, {
          form,
          error,
          idempotencyKey: freshKey ? randomUUID() : key,
          kind: paymentClientKind(req.headers['user-agent']),
        });
        return { status, template, data };
      };
      const amount = formAmountFen(form);
      if (amount.fen === undefined) return refuse(422, amount.error);
      const dto = plainToInstance(CreateDonationDto, {
        amountFen: amount.fen,
        channel: form.channel || this.providers.enabledChannels()[0],
        donorName: form.donorName.trim() || undefined,
        anonymous: form.anonymous === '1',
        showOnWall: form.showOnWall === '1',
        phone: form.phone.replace(/[\s-]/g, '') || undefined,
        message: form.message.trim() || undefined,
        fundCode: form.fundCode || undefined,
      });
      if ((await validate(dto)).length > 0 || !(DONATION_CHANNELS as readonly string[]).includes(dto.channel)) {
        return refuse(422, '请检查填写的内容：姓名不超过 50 字，留言不超过 200 字。');
      }
      try {
        const created = await this.intake.create(code, dto, key, paymentClientOf(req, this.wechatOAuth));
        // The claim token goes with the browser as an HttpOnly cookie, never in the redirect's URL.
        if (created.claimToken) setClaimCookie(req, reply, created.orderNo, created.claimToken);
        const payment = created.payment as { provider?: string; checkoutUrl?: string };
        let target = `/donations/${encodeURIComponent(created.orderNo)}`;
        if (payment.checkoutUrl) {
          const url = new URL(payment.checkoutUrl, 'http://localhost');
          // The sandbox checkout is this service's own page: stay on the donor's origin.
          if (payment.provider === 'sandbox') target = url.pathname + url.search;
          else if (url.protocol === 'https:' || url.protocol === 'http:') target = url.href;
        }
        if (form.receipt === '1') target += (target.includes('?') ? '&' : '?') + 'receipt=1';
        return { redirect: target };
      } catch (error) {
        if (!(error instanceof DomainError) || error.status >= 500 || error.code === 'CAMPAIGN_NOT_FOUND') throw error;
        const reused = error.code === 'IDEMPOTENCY_KEY_REUSED';
        return refuse(error.status, reused ? '表单内容已变更，请确认后再次提交。' : error.message, reused);
      }
    });
  }

  private async donateView(
    code: string,
    extra: { form?: Record<string, string>; error?: string; idempotencyKey?: string; kind?: PaymentClientKind },
  ): Promise<[string, Record<string, unknown>]> {
    const kind = extra.kind ?? 'desktop';
    const channels = this.channelsFor(kind);
    const campaign = await this.campaigns.get(code);
    const totals = await this.totals.forCampaign(code);
    return [
      'donate',
      {
        title: `${campaign.title} · 我要捐赠`,
        meta: this.campaigns.shareMeta(
          campaign.code,
          'donate',
          `${campaign.disclosure?.organizationName ?? campaign.organisation}「${campaign.title}」公开募捐：已筹 ${formatYuan(totals.amountFen)} 元，${totals.donorCount} 位爱心人士参与。扫码即可捐赠，善款去向全程公示。`,
        ),
        campaign: {
          code: campaign.code,
          title: campaign.title,
          status: campaign.status,
          goalYuan: campaign.goalYuan,
          receiptThresholdYuan: campaign.receiptThresholdYuan,
          organisation: campaign.organisation,
        },
        disclosure: disclosureLines(campaign.disclosure),
        funds: campaign.funds,
        totals: { amountYuan: formatYuan(totals.amountFen), donorCount: totals.donorCount },
        presets: PRESETS_FEN.map((fen) => ({ fen, label: `${fen / 100}元` })),
        channels,
        preferredChannel: (channels.find((c) => c.available && c.value === PREFERRED[kind]) ?? channels.find((c) => c.available))?.value ?? null,
        clientKind: kind,
        maxFen: MAX_DONATION_FEN,
        idempotencyKey: extra.idempotencyKey ?? randomUUID(),
        form: extra.form,
        error: extra.error,
      },
    ];
  }

  /**
   * The ways to pay where the page is opened, each with why it is not available there: inside
   * WeChat, Alipay cannot open (WeChat blocks it); inside the Alipay app, WeChat Pay cannot.
   */
  private channelsFor(kind: PaymentClientKind): { value: string; label: string; available: boolean; note: string | null }[] {
    return this.providers.enabledChannels().map((value) => {
      let note: string | null = null;
      let available = true;
      if (value === 'wechatpay' && kind === 'alipay') {
        available = false;
        note = '请在微信中打开本页面使用微信支付';
      } else if (value === 'alipay' && kind === 'wechat') {
        available = false;
        note = '微信内无法使用支付宝：请点右上角“…”选择“在浏览器打开”，或用支付宝扫码';
      } else if (value === 'wechatpay' && kind === 'wechat' && !this.wechatOAuth.isEnabled()) {
        note = '将显示付款二维码，可长按识别';
      } else if (value === 'wechatpay' && kind === 'mobile') {
        note = '将跳转到微信完成支付';
      } else if (value === 'alipay' && (kind === 'mobile' || kind === 'alipay')) {
        note = '将跳转到支付宝完成支付';
      } else if (kind === 'desktop' && value !== 'sandbox') {
        note = '扫码支付';
      }
      return { value, label: CHANNEL_LABELS[value] ?? value, available, note };
    });
  }

  @Get('pay/sandbox/:orderNo')
  @RateLimit('order-lookups')
  async sandboxCheckout(@Param('orderNo') orderNo: string, @Query('receipt') receipt: string | undefined, @Res() reply: FastifyReply) {
    await this.page(reply, async () => {
      if (!this.sandbox.isEnabled()) throw new DomainError('NOT_FOUND', '沙箱支付未启用');
      const d = await this.sandboxOrder(orderNo);
      return [
        'pay-sandbox',
        {
          title: '模拟支付',
          donation: { orderNo: d.orderNo, amountYuan: formatYuan(d.amountFen), status: d.status, campaignTitle: d.campaign.title },
          wantReceipt: receipt === '1',
          confirmAction: `/pay/sandbox/${encodeURIComponent(d.orderNo)}/confirm`,
        },
      ];
    });
  }

  /** The confirm button: builds and signs a notification and sends it down the provider path. */
  @Post('pay/sandbox/:orderNo/confirm')
  @RateLimit('public-writes')
  async sandboxConfirm(@Param('orderNo') orderNo: string, @Body() body: { receipt?: string } | undefined, @Res() reply: FastifyReply) {
    await this.page(reply, async () => {
      if (!this.sandbox.isEnabled()) throw new DomainError('NOT_FOUND', '沙箱支付未启用');
      const d = await this.sandboxOrder(orderNo);
      // One transaction id per order: a double click is a duplicate notification, counted once.
      const raw = Buffer.from(
        JSON.stringify({ orderNo: d.orderNo, transactionId: `SBX-${d.orderNo}`, amountFen: d.amountFen, paidAt: new Date().toISOString() }),
      );
      await this.sandboxNotifications.handle(raw, { 'content-type': 'application/json', 'x-signature': this.sandbox.sign(raw), 'x-request-id': randomUUID() });
      const query = body?.receipt === '1' ? '?receipt=1' : '';
      return { redirect: `/donations/${encodeURIComponent(d.orderNo)}${query}` };
    });
  }

  /**
   * The result page. Its link is what donors share in chat groups, so only the browser holding the
   * order's claim cookie sees the amount, the payment time, the receipt and the link to ask for one;
   * anyone else sees the status and the campaign.
   */
  @Get('donations/:orderNo')
  @RateLimit('order-lookups')
  async result(@Param('orderNo') orderNo: string, @Query('receipt') receipt: string | undefined, @Req() req: FastifyRequest, @Res() reply: FastifyReply) {
    await this.page(reply, async () => {
      const d = await this.donations.getPublic(orderNo);
      const { claimTokenHash } = await this.donations.findWithCampaign(orderNo);
      const holder = this.claims.matches(claimTokenFromCookie(req, orderNo), claimTokenHash);
      const campaign = await this.campaigns.get(d.campaignCode);
      const otherDeviceUrl = `/receipts/request?orderNo=${encodeURIComponent(d.orderNo)}&campaign=${encodeURIComponent(d.campaignCode)}`;
      return [
        'donation-result',
        {
          receiptThresholdYuan: campaign.receiptThresholdYuan,
          title: '捐赠结果',
          holder,
          otherDeviceUrl,
          donation: {
            orderNo: d.orderNo,
            status: d.status,
            statusLabel: STATUS_LABELS[d.status] ?? d.status,
            // What only the donor's own browser is shown.
            amountYuan: holder ? d.amountYuan : null,
            paidAt: holder && d.paidAt ? formatBeijing(d.paidAt) : null,
            campaignCode: d.campaignCode,
            campaignTitle: d.campaignTitle,
            receiptEligible: holder && d.receiptEligible,
            receipt: holder ? (d.receipt ?? null) : null,
          },
          wantReceipt: receipt === '1',
          receiptRequestUrl: holder && d.receiptEligible ? otherDeviceUrl : null,
        },
      ];
    });
  }

  /** A sandbox order: any other channel's order is unknown to the sandbox checkout. */
  private async sandboxOrder(orderNo: string) {
    const d = await this.donations.findWithCampaign(orderNo);
    if (d.channel !== 'sandbox') throw new DomainError('ORDER_NOT_FOUND', '订单不存在');
    return d;
  }

  private async page(
    reply: FastifyReply,
    build: () => Promise<[string, Record<string, unknown>] | { redirect: string } | { status: number; template: string; data: Record<string, unknown> }>,
  ): Promise<void> {
    try {
      const result = await build();
      if ('redirect' in result) {
        void reply.status(303).header('Location', result.redirect).header('Cache-Control', 'no-store').send();
        return;
      }
      const [status, template, data] = Array.isArray(result) ? [200, ...result] : [result.status, result.template, result.data];
      void reply.status(status).header('Content-Type', 'text/html; charset=utf-8').header('Cache-Control', 'no-store').send(this.pages.render(template, data));
    } catch (error) {
      if (!(error instanceof DomainError) || error.status >= 500) throw error;
      const html = this.pages.render('error', { title: '出错了', statusCode: error.status, message: error.message });
      void reply.status(error.status).header('Content-Type', 'text/html; charset=utf-8').header('Cache-Control', 'no-store').send(html);
    }
  }
}

const FORM_FIELDS = [
  'idempotencyKey',
  'amountFen',
  'amountYuan',
  'donorName',
  'anonymous',
  'showOnWall',
  'phone',
  'message',
  'receipt',
  'channel',
  'fundCode',
] as const;

/** A urlencoded form body as plain strings (a repeated field keeps its first value). */
function formFields(body: Record<string, unknown> | undefined): Record<(typeof FORM_FIELDS)[number], string> {
  const out = {} as Record<(typeof FORM_FIELDS)[number], string>;
  for (const name of FORM_FIELDS) {
    const raw = body && typeof body === 'object' ? body[name] : undefined;
    const value: unknown = Array.isArray(raw) ? raw[0] : raw;
    out[name] = typeof value === 'string' ? value.slice(0, 500) : '';
  }
  return out;
}

/** The amount typed (wins) or picked, with the same rules and words as the page's script (common/donation-amount.ts). */
function formAmountFen(form: { amountFen: string; amountYuan: string }): DonationAmount {
  if (normalizeYuanInput(form.amountYuan) !== '' || form.amountFen.trim() === '') return donationAmountFen(form.amountYuan, MAX_DONATION_FEN);
  if (!/^\d{1,12}$/.test(form.amountFen.trim())) return { error: '请选择或输入捐赠金额' };
  const fen = Number(form.amountFen.trim());
  if (!(fen > 0)) return { error: '捐赠金额需大于 0 元' };
  if (fen > MAX_DONATION_FEN) return { error: `单笔捐赠最多 ${groupedYuanBrief(MAX_DONATION_FEN)} 元` };
  return { fen };
}

function formatBeijing(iso: string): string {
  const d = new Date(new Date(iso).getTime() + 8 * 3600_000).toISOString();
  return `${d.slice(0, 10)} ${d.slice(11, 19)}`;
}
