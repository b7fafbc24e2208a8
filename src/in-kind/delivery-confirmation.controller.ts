import { Body, Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '../common/dto/error.view';
import { DeliveryListView, DeliveryView, toDeliveryView } from '../in-kind/dto/delivery.view';
import type { FastifyReply } from 'fastify';
import { CampaignsService } from '../campaigns/campaigns.service';
import { RateLimit } from '../common/rate-limit';
import { PageRenderer } from '../common/page-renderer';
import { beijingInput, ConfirmationPageState, sendConfirmationPage, submitConfirmationForm } from '../totals/confirmation-page';
import { beijingMinute } from '../common/beijing-time';
import { DeliveryConfirmationsService } from './delivery-confirmations.service';

/**
 * The delivery note's QR code opens /confirm/:id?s=…: the receiving unit confirms what arrived,
 * without an account; the confirmation is shown publicly beside the distribution.
 */
@ApiTags('in-kind')
@Controller()
export class DeliveryConfirmationController {
  constructor(
    private readonly confirmations: DeliveryConfirmationsService,
    private readonly campaigns: CampaignsService,
    private readonly pages: PageRenderer,
  ) {}

  @Get('confirm/:id')
  async page(@Param('id') id: string, @Query('s') signature: string | undefined, @Res() reply: FastifyReply) {
    await sendConfirmationPage(this.pages, reply, 'confirm', () => this.view(id, signature, {}));
  }

  @Post('confirm/:id')
  @HttpCode(200)
  @RateLimit('public-writes')
  async submitForm(@Param('id') id: string, @Body() body: Record<string, unknown> | undefined, @Res() reply: FastifyReply) {
    const form = body && typeof body === 'object' ? body : {};
    const signature = typeof form.s === 'string' ? form.s : undefined;
    const quantities: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(form)) if (key.startsWith('q_')) quantities[key.slice(2)] = value;
    await submitConfirmationForm(
      this.pages,
      reply,
      'confirm',
      form,
      () =>
        this.confirmations.confirm(id, signature, { confirmedBy: form.confirmedBy, receivedAt: beijingInput(form.receivedAt), quantities, note: form.note }),
      (state) => this.view(id, signature, state),
    );
  }

  @Post('api/deliveries/:id/confirmation')
  @RateLimit('public-writes')
  @ApiOperation({
    summary:
      'The receiving unit confirms a distribution (public, signed link from the delivery note): { s, confirmedBy, receivedAt, quantities: { itemCode: n }, note? } → 201; 404 wrong link, 409 DELIVERY_ALREADY_CONFIRMED, 422 INVALID_CONFIRMATION',
  })
  @ApiCreatedResponse({ type: DeliveryView })
  @ApiErrors({ 404: 'DISTRIBUTION_NOT_FOUND', 409: 'DELIVERY_ALREADY_CONFIRMED', 422: 'INVALID_CONFIRMATION' })
  async confirm(@Param('id') id: string, @Body() body: Record<string, unknown>): Promise<DeliveryView> {
    const quantities = body?.quantities && typeof body.quantities === 'object' ? (body.quantities as Record<string, unknown>) : {};
    return this.confirmations.confirm(id, body?.s, { confirmedBy: body?.confirmedBy, receivedAt: body?.receivedAt, quantities, note: body?.note });
  }

  @Get('api/campaigns/:code/distributions')
  @ApiOperation({ summary: 'Goods distributed, newest first, each with the receiving unit’s confirmation (signer masked) or null' })
  @ApiOkResponse({ type: DeliveryListView })
  @ApiErrors({ 404: 'CAMPAIGN_NOT_FOUND' })
  async list(@Param('code') code: string): Promise<DeliveryListView> {
    const campaign = await this.campaigns.findByCode(code);
    return { items: await this.confirmations.forCampaign(campaign.id) };
  }

  private async view(id: string, signature: string | undefined, extra: ConfirmationPageState) {
    const row = await this.confirmations.forLink(id, signature);
    const view = toDeliveryView(row);
    return {
      title: `物资签收确认 · ${row.campaignTitle}`,
      campaignCode: row.campaignCode,
      campaignTitle: row.campaignTitle,
      id: row.id,
      signature,
      recipient: view.recipient,
      distributedAt: beijingMinute(view.distributedAt),
      items: view.items,
      confirmation: view.confirmation ? { ...view.confirmation, receivedAtLabel: beijingMinute(view.confirmation.receivedAt) } : null,
      done: extra.done ?? false,
      error: extra.error ?? null,
      form: extra.form ?? {},
    };
  }
}
