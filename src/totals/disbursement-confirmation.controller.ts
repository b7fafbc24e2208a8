import { Body, Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '../common/dto/error.view';
import { ConfirmedDisbursementView } from './dto/disbursement.view';
import type { FastifyReply } from 'fastify';
import { formatYuan } from '../common/money';
import { RateLimit } from '../common/rate-limit';
import { PageRenderer } from '../common/page-renderer';
import { beijingInput, ConfirmationPageState, sendConfirmationPage, submitConfirmationForm } from './confirmation-page';
import { beijingMinute } from '../common/beijing-time';
import { groupedYuan } from '../common/money';
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
    await sendConfirmationPage(this.pages, reply, 'confirm-payment', () => this.view(id, signature, {}));
  }

  @Post('confirm/payment/:id')
  @HttpCode(200)
  @RateLimit('public-writes')
  async submitForm(@Param('id') id: string, @Body() body: Record<string, unknown> | undefined, @Res() reply: FastifyReply) {
    const form = body && typeof body === 'object' ? body : {};
    const signature = typeof form.s === 'string' ? form.s : undefined;
    await submitConfirmationForm(
      this.pages,
      reply,
      'confirm-payment',
      form,
      () =>
        this.confirmations.confirm(id, signature, {
          confirmedBy: form.confirmedBy,
          receivedAt: beijingInput(form.receivedAt),
          amountReceivedYuan: form.amountReceivedYuan,
          note: form.note,
        }),
      (state) => this.view(id, signature, state),
    );
  }

  @Post('api/disbursements/:id/confirmation')
  @RateLimit('public-writes')
  @ApiOperation({
    summary:
      'The recipient unit confirms a cash disbursement arrived (public, the signed link of the payment notice): { s, confirmedBy, receivedAt, amountReceivedFen, note? } → 201 { disbursementId, recipient, amountFen, confirmation } (confirmedBy masked). 404 DISBURSEMENT_NOT_FOUND for a wrong link (as for an unknown id), 409 DISBURSEMENT_ALREADY_CONFIRMED (once only), DISBURSEMENT_ALREADY_VOIDED, 422 INVALID_CONFIRMATION (amount above the disbursement, time before its date)',
  })
  @ApiCreatedResponse({ type: ConfirmedDisbursementView })
  @ApiErrors({ 404: 'DISBURSEMENT_NOT_FOUND', 409: 'DISBURSEMENT_ALREADY_CONFIRMED, DISBURSEMENT_ALREADY_VOIDED', 422: 'INVALID_CONFIRMATION' })
  async confirm(@Param('id') id: string, @Body() body: Record<string, unknown>): Promise<ConfirmedDisbursementView> {
    return this.confirmations.confirm(id, body?.s, {
      confirmedBy: body?.confirmedBy,
      receivedAt: body?.receivedAt,
      amountReceivedFen: body?.amountReceivedFen,
      note: body?.note,
    });
  }

  private async view(id: string, signature: string | undefined, extra: ConfirmationPageState) {
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
        ? { ...confirmation, receivedAtLabel: beijingMinute(confirmation.receivedAt), amountLabel: groupedYuan(confirmation.amountReceivedFen) }
        : null,
      done: extra.done ?? false,
      error: extra.error ?? null,
      form: extra.form ?? {},
    };
  }
}
