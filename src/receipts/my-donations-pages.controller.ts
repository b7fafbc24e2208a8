import { Body, Controller, Get, Param, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DomainError } from '../common/errors';
import { RateLimit } from '../common/rate-limit';
import { claimTokenFromCookie, setClaimCookie } from '../donations/claim-token';
import { PageRenderer } from '../common/page-renderer';
import { LOOKUP_LINK_ANSWER, LOOKUP_SESSION_COOKIE } from './donor-receipts.controller';
import { DonorReceiptsService, LOOKUP_SESSION_MINUTES } from './donor-receipts.service';

type PageResult = [string, Record<string, unknown>] | { redirect: string } | { status: number; template: string; data: Record<string, unknown> };

function field(body: unknown, name: string): string {
  const raw = body && typeof body === 'object' ? (body as Record<string, unknown>)[name] : undefined;
  const value: unknown = Array.isArray(raw) ? raw[0] : raw;
  return typeof value === 'string' ? value.trim().slice(0, 300) : '';
}

/**
 * "查询我的捐赠": a donor finds their gifts later, by order number (with its claim token, or in the
 * browser that gave), or by the email address of their receipt requests through a one-time link.
 * Plain forms: the pages work without script.
 */
@ApiExcludeController()
@Controller()
export class MyDonationsPagesController {
  constructor(
    private readonly pages: PageRenderer,
    private readonly donor: DonorReceiptsService,
  ) {}

  @Get('my')
  async lookup(@Res() reply: FastifyReply) {
    await this.page(reply, async () => ['my-donations', { title: '查询我的捐赠' }]);
  }

  /** Order number and claim token (or this browser's cookie for it): on to the gift's own result page. */
  @Post('my/order')
  @RateLimit('order-lookups')
  async byOrder(@Body() body: unknown, @Req() req: FastifyRequest, @Res() reply: FastifyReply) {
    await this.page(reply, async () => {
      const orderNo = field(body, 'orderNo').toUpperCase();
      const given = field(body, 'claimToken');
      const token = given || claimTokenFromCookie(req, orderNo);
      if (!orderNo || !(await this.donor.claimMatches(orderNo, token))) {
        return {
          status: 403,
          template: 'my-donations',
          data: {
            title: '查询我的捐赠',
            orderError: '订单号或捐赠凭证不正确。请核对后重试，或在完成捐赠的浏览器中查询，也可以用申请票据时填写的邮箱查询。',
            orderNo,
          },
        };
      }
      // The browser now holds the gift's token as the one that gave does (HttpOnly, never in a link).
      if (given) setClaimCookie(req, reply, orderNo, given);
      return { redirect: `/donations/${encodeURIComponent(orderNo)}` };
    });
  }

  @Post('my/email')
  @RateLimit('public-writes')
  async byEmail(@Body() body: unknown, @Res() reply: FastifyReply) {
    await this.page(reply, async () => {
      try {
        this.donor.requestLink(field(body, 'email'));
      } catch (error) {
        if (!(error instanceof DomainError) || error.code !== 'INVALID_EMAIL') throw error;
        return { status: 422, template: 'my-donations', data: { title: '查询我的捐赠', emailError: error.message } };
      }
      return ['my-donations', { title: '查询我的捐赠', emailSent: LOOKUP_LINK_ANSWER.message }];
    });
  }

  /** The mailed link: checked, not used yet (a mail scanner opening it must not spend it); the donor confirms. */
  @Get('my/link/:token')
  async link(@Param('token') token: string, @Res() reply: FastifyReply) {
    await this.page(reply, async () => {
      this.donor.checkLink(token);
      return ['my-link', { title: '查询我的捐赠', token }];
    });
  }

  @Post('my/link')
  @RateLimit('public-writes')
  async openLink(@Body() body: unknown, @Req() req: FastifyRequest, @Res() reply: FastifyReply) {
    await this.page(reply, async () => {
      const session = await this.donor.openLink(field(body, 'token'));
      void reply.setCookie(LOOKUP_SESSION_COOKIE, session, {
        path: '/',
        httpOnly: true,
        sameSite: 'lax',
        secure: req.protocol === 'https',
        maxAge: LOOKUP_SESSION_MINUTES * 60,
      });
      return { redirect: '/my/gifts' };
    });
  }

  @Get('my/gifts')
  async gifts(@Req() req: FastifyRequest, @Res() reply: FastifyReply) {
    await this.page(reply, async () => {
      const emailHash = this.donor.sessionOf(req.cookies?.[LOOKUP_SESSION_COOKIE]);
      if (!emailHash) return { redirect: '/my' };
      const gifts = await this.donor.giftsOf(emailHash);
      return ['my-gifts', { title: '我的捐赠', gifts: gifts.map((g) => ({ ...g, requestedOn: beijingDate(g.requestedAt) })) }];
    });
  }

  private async page(reply: FastifyReply, build: () => Promise<PageResult>): Promise<void> {
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
      const html = this.pages.render('error', { title: '出错了', statusCode: error.status, message: error.message, backUrl: '/my', backLabel: '重新查询' });
      void reply.status(error.status).header('Content-Type', 'text/html; charset=utf-8').header('Cache-Control', 'no-store').send(html);
    }
  }
}

function beijingDate(iso: string): string {
  return new Date(new Date(iso).getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}
