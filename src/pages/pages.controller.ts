import { Body, Controller, Get, Param, Post, Query, Res, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { ThrottlerGuard } from '@nestjs/throttler';
import type { FastifyReply } from 'fastify';
import { randomUUID } from 'node:crypto';
import { CampaignsService } from '../campaigns/campaigns.service';
import { DomainError } from '../common/errors';
import { formatYuan, MAX_DONATION_FEN } from '../common/money';
import { DonationsService } from '../donations/donations.service';
import { SandboxProvider } from '../payments/providers/sandbox.provider';
import { PaymentProviders } from '../payments/providers/payment-providers';
import { SandboxNotificationService } from '../payments/sandbox-notification.service';
import { TotalsService } from '../totals/totals.service';
import { PageRenderer } from './page-renderer';

const CHANNEL_LABELS: Record<string, string> = { sandbox: '模拟支付（测试）', wechatpay: '微信支付', alipay: '支付宝' };
const STATUS_LABELS: Record<string, string> = { pending: '等待支付确认', paid: '支付成功', failed: '支付失败', refunded: '已退款' };
const PRESETS_FEN = [2000, 5000, 10000, 20000, 50000, 100000];

/** Donor pages: the QR code's landing page, the sandbox checkout and the result page. */
@ApiExcludeController()
@Controller()
export class PagesController {
  constructor(
    private readonly pages: PageRenderer,
    private readonly campaigns: CampaignsService,
    private readonly donations: DonationsService,
    private readonly totals: TotalsService,
    private readonly providers: PaymentProviders,
    private readonly sandbox: SandboxProvider,
    private readonly sandboxNotifications: SandboxNotificationService,
  ) {}

  @Get('donate/:code')
  async donate(@Param('code') code: string, @Res() reply: FastifyReply) {
    await this.page(reply, async () => {
      const campaign = await this.campaigns.get(code);
      const totals = await this.totals.forCampaign(code);
      return ['donate', {
        title: `${campaign.title} · 我要捐赠`,
        campaign: { code: campaign.code, title: campaign.title, status: campaign.status, goalYuan: campaign.goalYuan, receiptThresholdYuan: campaign.receiptThresholdYuan },
        totals: { amountYuan: formatYuan(totals.amountFen), donorCount: totals.donorCount },
        presets: PRESETS_FEN.map((fen) => ({ fen, label: `${fen / 100}元` })),
        channels: this.providers.enabledChannels().map((value) => ({ value, label: CHANNEL_LABELS[value] ?? value })),
        maxFen: MAX_DONATION_FEN,
      }];
    });
  }

  @Get('pay/sandbox/:orderNo')
  async sandboxCheckout(@Param('orderNo') orderNo: string, @Query('receipt') receipt: string | undefined, @Res() reply: FastifyReply) {
    await this.page(reply, async () => {
      if (!this.sandbox.isEnabled()) throw new DomainError('NOT_FOUND', '沙箱支付未启用');
      const d = await this.donations.findWithCampaign(orderNo);
      return ['pay-sandbox', {
        title: '模拟支付',
        donation: { orderNo: d.orderNo, amountYuan: formatYuan(d.amountFen), status: d.status, campaignTitle: d.campaign.title },
        wantReceipt: receipt === '1',
        confirmAction: `/pay/sandbox/${encodeURIComponent(d.orderNo)}/confirm`,
      }];
    });
  }

  /** The confirm button: builds and signs a notification and sends it down the provider path. */
  @Post('pay/sandbox/:orderNo/confirm')
  @UseGuards(ThrottlerGuard)
  async sandboxConfirm(@Param('orderNo') orderNo: string, @Body() body: { receipt?: string } | undefined, @Res() reply: FastifyReply) {
    await this.page(reply, async () => {
      if (!this.sandbox.isEnabled()) throw new DomainError('NOT_FOUND', '沙箱支付未启用');
      const d = await this.donations.findWithCampaign(orderNo);
      // One transaction id per order: a double click is a duplicate notification, counted once.
      const raw = Buffer.from(JSON.stringify({ orderNo: d.orderNo, transactionId: `SBX-${d.orderNo}`, amountFen: d.amountFen, paidAt: new Date().toISOString() }));
      await this.sandboxNotifications.handle(raw, { 'content-type': 'application/json', 'x-signature': this.sandbox.sign(raw), 'x-request-id': randomUUID() });
      const query = body?.receipt === '1' ? '?receipt=1' : '';
      return { redirect: `/donations/${encodeURIComponent(d.orderNo)}${query}` };
    });
  }

  @Get('donations/:orderNo')
  async result(@Param('orderNo') orderNo: string, @Query('receipt') receipt: string | undefined, @Res() reply: FastifyReply) {
    await this.page(reply, async () => {
      const d = await this.donations.getPublic(orderNo);
      return ['donation-result', {
        title: '捐赠结果',
        donation: {
          orderNo: d.orderNo,
          status: d.status,
          statusLabel: STATUS_LABELS[d.status] ?? d.status,
          amountYuan: d.amountYuan,
          paidAt: d.paidAt ? formatBeijing(d.paidAt) : null,
          campaignCode: d.campaignCode,
          campaignTitle: d.campaignTitle,
          receiptEligible: d.receiptEligible,
          receipt: d.receipt ?? null,
        },
        wantReceipt: receipt === '1',
        receiptRequestUrl: d.receiptEligible ? `/receipts/request?orderNo=${encodeURIComponent(d.orderNo)}` : null,
      }];
    });
  }

  private async page(reply: FastifyReply, build: () => Promise<[string, Record<string, unknown>] | { redirect: string }>): Promise<void> {
    try {
      const result = await build();
      if ('redirect' in result) {
        void reply.status(303).header('Location', result.redirect).send();
        return;
      }
      const [template, data] = result;
      void reply.header('Content-Type', 'text/html; charset=utf-8').header('Cache-Control', 'no-store').send(this.pages.render(template, data));
    } catch (error) {
      if (!(error instanceof DomainError) || error.status >= 500) throw error;
      const html = this.pages.render('error', { title: '出错了', statusCode: error.status, message: error.message });
      void reply.status(error.status).header('Content-Type', 'text/html; charset=utf-8').send(html);
    }
  }
}

function formatBeijing(iso: string): string {
  const d = new Date(new Date(iso).getTime() + 8 * 3600_000).toISOString();
  return `${d.slice(0, 10)} ${d.slice(11, 19)}`;
}
