import { Controller, Get, Param, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CampaignsService } from '../campaigns/campaigns.service';
import { DomainError } from '../common/errors';
import { formatYuanDisplay } from '../common/money';
import { RateLimit } from '../common/rate-limit';
import { claimTokenFromCookie } from '../donations/claim-token';
import { PageRenderer } from '../common/page-renderer';
import { formatShanghaiDate } from './pdf/receipt-pdf.renderer';
import { ReceiptRequestsService } from './receipt-requests.service';
import { ReceiptsService } from './receipts.service';

/** Donor-facing receipt pages: the request form, a request's status, and receipt verification. */
@ApiExcludeController()
@Controller()
export class ReceiptPagesController {
  constructor(
    private readonly pages: PageRenderer,
    private readonly campaigns: CampaignsService,
    private readonly requests: ReceiptRequestsService,
    private readonly receipts: ReceiptsService,
  ) {}

  /**
   * ?orderNo= (from the result page, with ?campaign=) or ?campaign= alone (bank-transfer donors). The
   * order's amount is filled in only for the browser holding its claim cookie; for anyone else the
   * page is the same whether the order exists or not, and the donor types the amount.
   */
  @Get('receipts/request')
  @RateLimit('order-lookups')
  async form(
    @Query('orderNo') orderNo: string | undefined,
    @Query('campaign') campaignCode: string | undefined,
    @Req() req: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    await this.page(reply, async () => {
      const order = typeof orderNo === 'string' && orderNo !== '' ? await this.requests.orderForForm(orderNo, claimTokenFromCookie(req, orderNo)) : null;
      const campaign = await this.campaigns.get(
        (order?.claimed ? order.campaignCode : undefined) ?? (typeof campaignCode === 'string' ? campaignCode : undefined) ?? 'warm-wuhan',
      );
      // The donor's own order, paid: the other gifts this browser proves may go on the same record (合并开具).
      const combinable =
        order?.claimed && order.paid
          ? (await this.requests.combinable(campaign.code, await this.requests.fundOf(order.orderNo), req.cookies ?? {})).filter(
              (o) => o.orderNo !== order.orderNo,
            )
          : [];
      return [
        'receipt-request',
        {
          title: `申请捐赠证明/票据 · ${campaign.title}`,
          campaign: { code: campaign.code, title: campaign.title, receiptThresholdYuan: campaign.receiptThresholdYuan },
          order,
          combinable,
        },
      ];
    });
  }

  @Get('receipts/requests/:requestId')
  async status(@Param('requestId') requestId: string, @Res() reply: FastifyReply) {
    await this.page(reply, async () => {
      const request = await this.requests.status(requestId);
      return ['receipt-status', { title: '票据申请进度', request }];
    });
  }

  @Get('verify/:receiptNo')
  async verify(@Param('receiptNo') receiptNo: string, @Query('s') signature: string | undefined, @Res() reply: FastifyReply) {
    await this.page(reply, async () => {
      const receipt = await this.receipts.verify(receiptNo, signature);
      return [
        'verify',
        {
          title: `票据核验 ${receipt.receiptNo}`,
          receipt: {
            ...receipt,
            amountDisplay: formatYuanDisplay(receipt.amountFen),
            issuedOn: formatShanghaiDate(new Date(receipt.issuedAt)),
            donatedOn: formatShanghaiDate(new Date(receipt.donatedAt)),
          },
        },
      ];
    });
  }

  private async page(reply: FastifyReply, build: () => Promise<[string, Record<string, unknown>]>): Promise<void> {
    try {
      const [template, data] = await build();
      void reply.header('Content-Type', 'text/html; charset=utf-8').header('Cache-Control', 'no-store').send(this.pages.render(template, data));
    } catch (error) {
      if (!(error instanceof DomainError) || error.status >= 500) throw error;
      const html = this.pages.render('error', { title: '出错了', statusCode: error.status, message: error.message });
      void reply.status(error.status).header('Content-Type', 'text/html; charset=utf-8').send(html);
    }
  }
}
