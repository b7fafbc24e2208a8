import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { DomainError } from '../../common/errors';
import { RateLimit } from '../../common/rate-limit';
import { formatYuan } from '../../common/money';
import { DonationsService } from '../../donations/donations.service';
import { PageRenderer } from '../../common/page-renderer';
import { AlipayProvider } from '../../payment-providers/alipay/alipay.provider';

/**
 * Alipay mobile website payment: the page that submits the signed alipay.trade.wap.pay form to the
 * gateway, and return_url, where Alipay sends the donor back. The return is verified (RSA2) but is
 * not a payment: only the asynchronous notification (or a query) pays the order.
 */
@ApiExcludeController()
@Controller()
export class AlipayPagesController {
  constructor(
    private readonly pages: PageRenderer,
    private readonly donations: DonationsService,
    private readonly alipay: AlipayProvider,
  ) {}

  @Get('pay/alipay/return')
  @RateLimit('order-lookups')
  async returned(@Query() query: Record<string, unknown>, @Res() reply: FastifyReply) {
    const params: Record<string, string> = {};
    for (const [k, v] of Object.entries(query ?? {})) if (typeof v === 'string') params[k] = v;
    const orderNo = params.out_trade_no ?? '';
    const d = this.alipay.isEnabled() ? await this.donations.findWithCampaign(orderNo).catch(() => null) : null;
    if (d && d.channel === 'alipay' && this.alipay.verifyReturn(params)) {
      // Signed by Alipay: back to the result page, which waits for the notification.
      void reply
        .status(303)
        .header('Location', `/donations/${encodeURIComponent(d.orderNo)}`)
        .header('Cache-Control', 'no-store')
        .send();
      return;
    }
    const html = this.pages.render('alipay-return-unverified', {
      title: '无法确认支付结果',
      code: 'ALIPAY_RETURN_UNVERIFIED',
      resultUrl: d && d.channel === 'alipay' ? `/donations/${encodeURIComponent(d.orderNo)}` : null,
    });
    void reply.status(400).header('Content-Type', 'text/html; charset=utf-8').header('Cache-Control', 'no-store').send(html);
  }

  /** The wap.pay form, signed now, submitted by the page at once (a button without JavaScript). */
  @Get('pay/alipay/:orderNo')
  @RateLimit('order-lookups')
  async checkout(@Param('orderNo') orderNo: string, @Res() reply: FastifyReply) {
    try {
      if (!this.alipay.isEnabled()) throw new DomainError('NOT_FOUND', '支付宝未启用');
      const d = await this.donations.findWithCampaign(orderNo);
      if (d.channel !== 'alipay') throw new DomainError('ORDER_NOT_FOUND', '该订单不是支付宝订单');
      if (d.status !== 'pending') {
        void reply
          .status(303)
          .header('Location', `/donations/${encodeURIComponent(d.orderNo)}`)
          .send();
        return;
      }
      const form = this.alipay.wapForm({
        orderNo: d.orderNo,
        amountFen: d.amountFen,
        description: d.campaign.title,
        expiresAt: d.expiresAt ?? new Date(Date.now() + 15 * 60_000),
      });
      const html = this.pages.render('pay-alipay-wap', {
        title: '支付宝支付',
        donation: { orderNo: d.orderNo, amountYuan: formatYuan(d.amountFen), campaignTitle: d.campaign.title },
        form: { action: form.action, fields: Object.entries(form.fields).map(([name, value]) => ({ name, value })) },
      });
      void reply.header('Content-Type', 'text/html; charset=utf-8').header('Cache-Control', 'no-store').send(html);
    } catch (error) {
      if (!(error instanceof DomainError) || error.status >= 500) throw error;
      void reply
        .status(error.status)
        .header('Content-Type', 'text/html; charset=utf-8')
        .send(this.pages.render('error', { title: '出错了', statusCode: error.status, message: error.message }));
    }
  }
}
