import { Controller, Get, Param, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { toString as qrSvg } from 'qrcode';
import { DomainError } from '../../common/errors';
import { RateLimit } from '../../common/rate-limit';
import { formatYuan } from '../../common/money';
import { DonationIntakeService } from '../../donations/donation-intake.service';
import { DonationsService } from '../../donations/donations.service';
import { PageRenderer } from '../../common/page-renderer';
import { paymentClientKind } from '../../payment-providers/payment-client';
import { WechatOAuthError, WechatOAuthService } from '../../payment-providers/wechatpay/wechat-oauth.service';
import { WechatPayProvider } from '../../payment-providers/wechatpay/wechatpay.provider';

/**
 * WeChat Pay pages: the Native checkout (the order's code_url as a QR code), the JSAPI checkout
 * inside WeChat (silent OAuth first when the browser has no openid yet), and the OAuth callback.
 * Both wait for the payment notification: the front end's "ok" is not a payment.
 */
@ApiExcludeController()
@Controller()
export class WechatPayPagesController {
  constructor(
    private readonly pages: PageRenderer,
    private readonly donations: DonationsService,
    private readonly intake: DonationIntakeService,
    private readonly oauth: WechatOAuthService,
    private readonly wechatpay: WechatPayProvider,
  ) {}

  @Get('pay/wechatpay/:orderNo')
  @RateLimit('order-lookups')
  async checkout(@Param('orderNo') orderNo: string, @Res() reply: FastifyReply) {
    await this.page(reply, async () => {
      const d = await this.donations.findWithCampaign(orderNo);
      const codeUrl = d.channel === 'wechatpay' ? (d.paymentInstructions?.codeUrl as string | undefined) : undefined;
      if (!codeUrl) throw new DomainError('ORDER_NOT_FOUND', '该订单不是微信支付订单');
      return this.pages.render('pay-wechatpay', {
        title: '微信支付',
        donation: { orderNo: d.orderNo, amountYuan: formatYuan(d.amountFen), status: d.status, campaignTitle: d.campaign.title },
        qrSvg: await qrSvg(codeUrl, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 }),
      });
    });
  }

  /**
   * JSAPI checkout inside WeChat: the bridge parameters for the order, signed now. The order is
   * prepaid for the openid of the first WeChat user who opens it; another user is told to give anew.
   */
  @Get('pay/wechatpay/:orderNo/jsapi')
  @RateLimit('order-lookups')
  async jsapi(@Param('orderNo') orderNo: string, @Req() req: FastifyRequest, @Res() reply: FastifyReply) {
    const d = await this.donations.findWithCampaign(orderNo).catch(() => null);
    const inWechat = paymentClientKind(req.headers['user-agent']) === 'wechat';
    if (d && d.channel === 'wechatpay' && d.status === 'pending' && this.oauth.isEnabled() && inWechat && !this.oauth.openidOf(req)) {
      // No openid yet: the silent OAuth (the donor sees nothing but a redirect) comes back here.
      return this.oauth.redirect(req, reply, `/pay/wechatpay/${d.orderNo}/jsapi`);
    }
    await this.page(reply, async () => {
      if (!d || d.channel !== 'wechatpay') throw new DomainError('ORDER_NOT_FOUND', '该订单不是微信支付订单');
      const view = {
        orderNo: d.orderNo,
        amountYuan: formatYuan(d.amountFen),
        status: d.status,
        campaignTitle: d.campaign.title,
        campaignCode: d.campaign.code,
      };
      const render = (extra: Record<string, unknown>, status = 200) => ({
        status,
        html: this.pages.render('pay-wechatpay-jsapi', {
          title: '微信支付',
          donation: view,
          inWechat,
          ...extra,
        }),
      });
      if (d.status !== 'pending') return render({ problem: '这笔订单已不在待支付状态，请查看捐赠结果。' });
      if (!this.oauth.isEnabled()) throw new DomainError('ORDER_NOT_FOUND', '微信内支付未开通');
      if (!inWechat) return render({ problem: '请在微信中打开本页面完成支付，或返回捐赠页改用其他支付方式。本订单未扣款。' });
      const openid = this.oauth.openidOf(req)!;
      const payer = this.intake.payerOpenidOf(d);
      let prepayId = payer !== null ? (d.paymentInstructions?.prepayId as string | undefined) : undefined;
      if (payer !== null && payer !== openid) {
        return render({ problem: '这笔订单已由另一个微信账号发起支付。请返回捐赠页重新捐赠，本订单不会扣款。' }, 409);
      }
      if (!prepayId) {
        try {
          const { prepayId: made, ...instructions } = await this.wechatpay.prepayJsapi(
            { orderNo: d.orderNo, amountFen: d.amountFen, description: d.campaign.title, expiresAt: d.expiresAt ?? new Date(Date.now() + 15 * 60_000) },
            openid,
          );
          const payment = { ...instructions, prepayId: made, checkoutUrl: d.paymentInstructions?.checkoutUrl as string | undefined };
          if (!(await this.intake.attachJsapiPayment(d.orderNo, openid, payment))) {
            return render({ problem: '这笔订单已由另一个微信账号发起支付。请返回捐赠页重新捐赠，本订单不会扣款。' }, 409);
          }
          prepayId = made;
        } catch (error) {
          if (error instanceof DomainError && error.code === 'WECHAT_OPENID_MISMATCH') {
            // The sealed openid is of another official account: forget it, so the next try asks WeChat again.
            this.oauth.forgetOpenid(reply);
            return render({ problem: error.message, retry: true }, error.status);
          }
          if (error instanceof DomainError) return render({ problem: error.message, retry: true }, error.status);
          throw error;
        }
      }
      return render({ jsapi: this.wechatpay.jsapiParams(prepayId) });
    });
  }

  /**
   * Where WeChat's OAuth sends the browser back (`<page>/wechat-oauth`): `code` and `state`. A state this browser was not
   * given (CSRF, a forwarded link) or a code WeChat refuses (forged, replayed, expired) pays nothing;
   * the order stays pending and the page says what to do.
   */
  @Get('donate/:code/wechat-oauth')
  @RateLimit('public-writes')
  async donateCallback(
    @Param('code') campaignCode: string,
    @Query('code') code: string | undefined,
    @Query('state') state: string | undefined,
    @Req() req: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    await this.callback(`/donate/${campaignCode}`, code, state, req, reply);
  }

  @Get('pay/wechatpay/:orderNo/jsapi/wechat-oauth')
  @RateLimit('public-writes')
  async jsapiCallback(
    @Param('orderNo') orderNo: string,
    @Query('code') code: string | undefined,
    @Query('state') state: string | undefined,
    @Req() req: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    await this.callback(`/pay/wechatpay/${orderNo}/jsapi`, code, state, req, reply);
  }

  private async callback(next: string, code: string | undefined, state: string | undefined, req: FastifyRequest, reply: FastifyReply) {
    await this.page(reply, async () => {
      if (!this.oauth.isEnabled()) throw new DomainError('NOT_FOUND', '微信内支付未开通');
      if (!WechatOAuthService.isSafeNext(next)) throw new DomainError('VALIDATION_FAILED', '授权链接不完整，请重新打开捐赠页');
      const retryUrl = next;
      const fail = (code: 'WECHAT_OAUTH_STATE_MISMATCH' | 'WECHAT_OAUTH_FAILED', message: string) => ({
        status: 400,
        html: this.pages.render('wechat-oauth-failed', { title: '微信授权未完成', code, message, retryUrl }),
      });
      if (!this.oauth.checkState(req, reply, state, next)) {
        return fail(
          'WECHAT_OAUTH_STATE_MISMATCH',
          '授权校验未通过：这个授权链接不是本页面发起的（可能是转发的链接，或页面已过期）。没有扣款，订单仍待支付。请点击下方按钮重新发起，或返回捐赠页改用其他支付方式。',
        );
      }
      if (!code) return fail('WECHAT_OAUTH_FAILED', '您没有完成微信授权，没有扣款。请点击下方按钮重试，或改用其他支付方式。');
      try {
        this.oauth.rememberOpenid(req, reply, await this.oauth.openidForCode(code));
      } catch (error) {
        if (!(error instanceof WechatOAuthError)) throw error;
        return fail(
          'WECHAT_OAUTH_FAILED',
          '微信授权已失效（授权码无效或已被使用），没有扣款，订单仍待支付。请点击下方按钮重新发起，或返回捐赠页改用其他支付方式。',
        );
      }
      return { redirect: next };
    });
  }

  private async page(reply: FastifyReply, build: () => Promise<string | { status: number; html: string } | { redirect: string }>): Promise<void> {
    try {
      const result = await build();
      if (typeof result === 'object' && 'redirect' in result) {
        void reply.status(302).header('Location', result.redirect).header('Cache-Control', 'no-store').send();
        return;
      }
      const [status, html] = typeof result === 'string' ? [200, result] : [result.status, result.html];
      void reply.status(status).header('Content-Type', 'text/html; charset=utf-8').header('Cache-Control', 'no-store').send(html);
    } catch (error) {
      if (!(error instanceof DomainError) || error.status >= 500) throw error;
      void reply
        .status(error.status)
        .header('Content-Type', 'text/html; charset=utf-8')
        .header('Cache-Control', 'no-store')
        .send(this.pages.render('error', { title: '出错了', statusCode: error.status, message: error.message }));
    }
  }
}
