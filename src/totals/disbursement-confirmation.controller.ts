import { Body, Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { DomainError } from '../common/errors';
import { formatYuan } from '../common/money';
import { RateLimit } from '../common/rate-limit';
import { PageRenderer } from '../pages/page-renderer';
import { beijingTime, groupedYuan } from './campaign-page.view';
import { DisbursementConfirmationsService, publicConfirmation } from './disbursement-confirmations.service';

/**
 * The payment notice's QR code opens /confirm/payment/:id?s=…: the recipient unit confirms that a
 * cash disbursement arrived (who, when, how much, a note), without an account; the confirmation is
 * shown publicly beside the disbursement (/c/:code, /api/campaigns/:code/disbursements).
 */
@ApiTags('totals')
@Controller()
export class DisbursementConfirmationController {
  constructor(
    private readonly confirmations: DisbursementConfirmationsService,
    private readonly pages: PageRenderer,
  ) {}

  @Get('confirm/payment/:id')
  async page(@Param('id') id: string, @Query('s') signature: string | undefined, @Res() reply: FastifyReply) {
    await this.render(reply, async () => this.view(id, signature, {}));
  }

  @Post('confirm/payment/:id')
  @HttpCode(200)
  @RateLimit('public-writes')
  async submitForm(@Param('id') id: string, @Body() body: Record<string, unknown> | undefined, @Res() reply: FastifyReply) {
    const form = body && typeof body === 'object' ? body : {};
    const signature = typeof form.s === 'string' ? form.s : undefined;
    await this.render(reply, async () => {
      try {
        await this.confirmations.confirm(id, signature, {
          confirmedBy: form.confirmedBy,
          receivedAt: beijingInput(form.receivedAt),
          amountReceivedYuan: form.amountReceivedYuan,
          note: form.note,
        });
        return this.view(id, signature, { done: true });
      } catch (error) {
        if (!(error instanceof DomainError) || error.status === 404 || error.status >= 500) throw error;
        return this.view(id, signature, { error: error.message, form });
      }
    });
  }

  @Post('api/disbursements/:id/confirmation')
  @RateLimit('public-writes')
  @ApiOperation({
    summary:
      'The recipient unit confirms a cash disbursement arrived (public, the signed link of the payment notice): { s, confirmedBy, receivedAt, amountReceivedFen, note? } → 201 { disbursementId, recipient, amountFen, confirmation } (confirmedBy masked). 404 DISBURSEMENT_NOT_FOUND for a wrong link (as for an unknown id), 409 DISBURSEMENT_ALREADY_CONFIRMED (once only), DISBURSEMENT_ALREADY_VOIDED, 422 INVALID_CONFIRMATION (amount above the disbursement, time before its date)',
  })
  async confirm(@Param('id') id: string, @Body() body: Record<string, unknown>) {
    return this.confirmations.confirm(id, body?.s, {
      confirmedBy: body?.confirmedBy,
      receivedAt: body?.receivedAt,
      amountReceivedFen: body?.amountReceivedFen,
      note: body?.note,
    });
  }

  private async view(id: string, signature: string | undefined, extra: { done?: boolean; error?: string; form?: Record<string, unknown> }) {
    const row = await this.confirmations.forLink(id, signature);
    const confirmation = row.confirmation ? publicConfirmation(row.confirmation) : null;
    return {
      title: `拨付到账确认 · ${row.campaignTitle}`,
      campaignCode: row.campaignCode,
      campaignTitle: row.campaignTitle,
      id: row.id,
      signature,
      recipient: row.recipient,
      purpose: row.purpose,
      amountYuan: groupedYuan(row.amountFen),
      plainAmountYuan: formatYuan(row.amountFen),
      date: row.date,
      voided: row.voided,
      confirmation: confirmation
        ? { ...confirmation, receivedAtLabel: beijingTime(confirmation.receivedAt), amountLabel: groupedYuan(confirmation.amountReceivedFen) }
        : null,
      done: extra.done ?? false,
      error: extra.error ?? null,
      form: extra.form ?? {},
    };
  }

  private async render(reply: FastifyReply, build: () => Promise<Record<string, unknown>>) {
    try {
      const data = await build();
      void reply.header('Content-Type', 'text/html; charset=utf-8').header('Cache-Control', 'no-store').send(this.pages.render('confirm-payment', data));
    } catch (error) {
      if (!(error instanceof DomainError) || error.status >= 500) throw error;
      const html = this.pages.render('error', { title: '出错了', statusCode: error.status, message: error.message });
      void reply.status(error.status).header('Content-Type', 'text/html; charset=utf-8').header('Cache-Control', 'no-store').send(html);
    }
  }
}

/** A datetime-local field (2020-02-20T10:30) is Beijing time. */
function beijingInput(value: unknown): unknown {
  return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(value) ? `${value}:00+08:00` : value;
}
