import { Body, Controller, Get, Headers, HttpCode, Param, Post, Req, Res } from '@nestjs/common';
import { ApiAcceptedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiProperty, ApiResponse, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '../common/dto/error.view';
import { DonorGiftListView, LookupLinkView } from './dto/donor-gift.view';
import { IsString, MaxLength } from 'class-validator';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { RateLimit } from '../common/rate-limit';
import { claimTokenFromCookie } from '../donations/claim-token';
import { DonorReceiptsService, LOOKUP_LINK_MINUTES } from './donor-receipts.service';

/** The HttpOnly cookie of a browser that opened a one-time link ("查询我的捐赠"). */
export const LOOKUP_SESSION_COOKIE = 'wn_my';

export class LookupLinkDto {
  @ApiProperty({ description: 'the email address given in receipt requests', maxLength: 254 })
  @IsString()
  @MaxLength(254)
  email: string;
}

export const LOOKUP_LINK_ANSWER = {
  status: 'accepted',
  message: `如果该邮箱申请过捐赠证明/票据，我们已向其发送一封含查询链接的邮件，链接 ${LOOKUP_LINK_MINUTES} 分钟内有效，只能使用一次。`,
} as const;

export async function sendPdf(reply: FastifyReply, receiptNo: string, pdf: Buffer): Promise<void> {
  await reply
    .header('Content-Type', 'application/pdf')
    .header('Content-Disposition', `attachment; filename="${receiptNo}.pdf"`)
    .header('Cache-Control', 'no-store, private')
    .send(pdf);
}

/** A donor's own receipts: download by claim token, and "查询我的捐赠" by email through a one-time link. */
@ApiTags('receipts')
@Controller()
export class DonorReceiptsController {
  constructor(private readonly donor: DonorReceiptsService) {}

  @Get('api/donations/:orderNo/receipt.pdf')
  @RateLimit('order-lookups')
  @ApiHeader({ name: 'X-Claim-Token', required: false, description: "the gift's claim token; without it, the browser's HttpOnly cookie wn_claim_<orderNo>" })
  @ApiOperation({
    summary: "The receipt PDF of a gift, for whoever holds the gift's claim token",
    description:
      'application/pdf (attachment) of the live receipt listing this gift (alone or combined, 合并开具). 403 CLAIM_TOKEN_REQUIRED without a token; ' +
      '403 CLAIM_TOKEN_INVALID for a wrong token or an unknown order (the same answer, so nothing is told about others’ orders); ' +
      '404 RECEIPT_NOT_FOUND when the gift has no issued receipt; 409 RECEIPT_NOT_READY while its PDF is being rendered. Rate limited with the order look-ups.',
  })
  @ApiResponse({ status: 200, description: 'the PDF', content: { 'application/pdf': { schema: { type: 'string', format: 'binary' } } } })
  async receiptByClaim(
    @Param('orderNo') orderNo: string,
    @Headers('x-claim-token') header: string | undefined,
    @Req() req: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const token = typeof header === 'string' && header !== '' ? header : claimTokenFromCookie(req, orderNo);
    const { receiptNo, pdf } = await this.donor.pdfByClaim(orderNo, token);
    await sendPdf(reply, receiptNo, pdf);
  }

  @Post('api/my-donations/links')
  @HttpCode(202)
  @RateLimit('public-writes')
  @ApiOperation({
    summary: '查询我的捐赠: mail a one-time link to an address given in receipt requests',
    description:
      `202 { status: "accepted", message } whether or not the address is known (nothing can be learnt by asking). When it is, a link to /my/link/<token> ` +
      `is mailed: signed, valid ${LOOKUP_LINK_MINUTES} minutes, single use; at most 3 links per address and hour. 422 INVALID_EMAIL for a malformed address.`,
  })
  @ApiAcceptedResponse({ type: LookupLinkView })
  @ApiErrors({ 422: 'INVALID_EMAIL', 429: 'RATE_LIMITED' })
  requestLink(@Body() dto: LookupLinkDto): LookupLinkView {
    this.donor.requestLink(dto.email);
    return LOOKUP_LINK_ANSWER;
  }

  @Get('api/my-donations')
  @ApiOperation({
    summary: 'The receipt requests of the address whose one-time link this browser opened (cookie wn_my)',
    description:
      '{ items: [ { requestId, status, campaignTitle, amountFen, name (masked), orderNos, receiptNo?, downloadUrl? } ] }; 403 LOOKUP_SESSION_REQUIRED without a session.',
  })
  @ApiOkResponse({ type: DonorGiftListView })
  @ApiErrors({ 403: 'LOOKUP_SESSION_REQUIRED' })
  async list(@Req() req: FastifyRequest): Promise<DonorGiftListView> {
    return this.donor.giftList(req.cookies?.[LOOKUP_SESSION_COOKIE]);
  }

  @Get('api/my-donations/receipts/:receiptNo/pdf')
  @RateLimit('order-lookups')
  @ApiOperation({
    summary: 'A receipt PDF of the address whose one-time link this browser opened (cookie wn_my)',
    description: '403 LOOKUP_SESSION_REQUIRED without a session; 404 RECEIPT_NOT_FOUND for a receipt not requested with that address.',
  })
  @ApiResponse({ status: 200, description: 'the PDF', content: { 'application/pdf': { schema: { type: 'string', format: 'binary' } } } })
  async receiptByEmail(@Param('receiptNo') receiptNo: string, @Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const pdf = await this.donor.pdfByEmail(receiptNo, this.donor.sessionOf(req.cookies?.[LOOKUP_SESSION_COOKIE]));
    await sendPdf(reply, receiptNo, pdf);
  }
}
