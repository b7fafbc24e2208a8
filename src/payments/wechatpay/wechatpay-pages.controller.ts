import { Controller, Get, Param, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { toString as qrSvg } from 'qrcode';
import { DomainError } from '../../common/errors';
import { RateLimit } from '../../common/rate-limit';
import { formatYuan } from '../../common/money';
import { DonationsService } from '../../donations/donations.service';
import { PageRenderer } from '../../pages/page-renderer';

/** The WeChat Native checkout: the order's code_url as a QR code, and a wait for the payment. */
@ApiExcludeController()
@Controller()
export class WechatPayPagesController {
  constructor(
    private readonly pages: PageRenderer,
    private readonly donations: DonationsService,
  ) {}

  @Get('pay/wechatpay/:orderNo')
  @RateLimit('order-lookups')
  async checkout(@Param('orderNo') orderNo: string, @Res() reply: FastifyReply) {
    try {
      const d = await this.donations.findWithCampaign(orderNo);
      const codeUrl = d.channel === 'wechatpay' ? (d.paymentInstructions?.codeUrl as string | undefined) : undefined;
      if (!codeUrl) throw new DomainError('ORDER_NOT_FOUND', '该订单不是微信支付订单');
      const html = this.pages.render('pay-wechatpay', {
        title: '微信支付',
        donation: { orderNo: d.orderNo, amountYuan: formatYuan(d.amountFen), status: d.status, campaignTitle: d.campaign.title },
        qrSvg: await qrSvg(codeUrl, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 }),
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
