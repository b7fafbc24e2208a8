import { Body, Controller, Get, Headers, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiHeader,
  ApiOkResponse,
  ApiOperation,
  ApiPropertyOptional,
  ApiProperty,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsISO8601, IsOptional, IsString, Max, MaxLength, Min, MinLength } from 'class-validator';
import { RateLimit } from '../common/rate-limit';
import { CurrentStaff, StaffPrincipal } from '../staff/auth/staff-principal';
import { Roles } from '../staff/auth/roles.decorator';
import { setClaimCookie } from './claim-token';
import { DonationIntakeService } from './donation-intake.service';
import { DonationRefundsService } from './donation-refunds.service';
import { DonationsService } from './donations.service';
import { CreateDonationDto } from './dto/create-donation.dto';
import { paymentClientOf } from '../payment-providers/payment-client';
import { WechatOAuthService } from '../payment-providers/wechatpay/wechat-oauth.service';
import { CreatedDonationView, DonationFlagView, DonationMessageView, DonationView, StaffDonationListView } from './dto/donation.view';
import { RefundListView, RefundView } from './dto/refund.view';
import { ApiErrors } from '../common/dto/error.view';
import { MAX_DONATION_FEN } from '../common/money';
import { IsFen } from '../common/validation';

class StaffDonationSearch {
  @IsOptional() @IsString() @MaxLength(63) campaignCode?: string;
  @IsOptional() @IsString() @MaxLength(64) orderNo?: string;
  @IsOptional() @IsIn(['pending', 'paid', 'failed', 'refunded']) status?: 'pending' | 'paid' | 'failed' | 'refunded';
  @IsOptional() @Transform(({ value }) => value === 'true' || value === true) @IsBoolean() flagged?: boolean;
  @IsOptional() @IsString() @MaxLength(64) bankReference?: string;
  @IsOptional() @IsString() @MaxLength(50) q?: string;
  @IsOptional() @Type(() => Number) @IsFen({ min: 1, max: MAX_DONATION_FEN, message: '$property must be an integer number' }) amountFen?: number;
  @IsOptional() @IsIn(['sandbox', 'wechatpay', 'alipay', 'bank_transfer']) channel?: string;
  @IsOptional() @IsISO8601({ strict: true }) from?: string;
  @IsOptional() @IsISO8601({ strict: true }) to?: string;
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(500) limit?: number;
}

class RefundDonationDto {
  @ApiProperty({ description: 'why the money goes back (shown in the audit log and on the voided receipt)', maxLength: 200 })
  @IsString()
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value))
  @MinLength(1)
  @MaxLength(200)
  reason: string;
  @ApiPropertyOptional({ description: 'the whole amount of the donation, in fen (only full refunds)' })
  @IsOptional()
  @IsFen({ min: 1, max: MAX_DONATION_FEN, message: '$property must be an integer number' })
  amountFen?: number;
}

class HideMessageDto {
  @ApiPropertyOptional({ description: 'why it is hidden (required to hide; kept in the audit log)', maxLength: 200 })
  @IsOptional()
  @IsString()
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value))
  @MaxLength(200)
  reason?: string;
  @ApiPropertyOptional({ description: 'false shows a hidden message again (default true)', default: true })
  @IsOptional()
  @IsBoolean()
  hidden?: boolean;
}

class ResolveFlagDto {
  @ApiProperty({ description: 'how it was handled (kept in the audit log)', minLength: 1, maxLength: 500, example: '已原路退款' })
  @IsString()
  @MinLength(1)
  @MaxLength(500)
  note: string;
}

@ApiTags('donations')
@Controller()
export class DonationsController {
  constructor(
    private readonly intake: DonationIntakeService,
    private readonly donations: DonationsService,
    private readonly refunds: DonationRefundsService,
    private readonly wechatOAuth: WechatOAuthService,
  ) {}

  @Post('api/campaigns/:code/donations')
  @HttpCode(201)
  @RateLimit('public-writes')
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'same key + same body → same order; different body → 409 IDEMPOTENCY_KEY_REUSED' })
  @ApiOperation({
    summary: 'Create a pending cash donation and get payment instructions',
    description:
      '201 { orderNo, status: "pending", amountFen, claimToken, payment }. `claimToken` (43 URL-safe characters, 256 bits) proves the gift is yours when asking for a receipt ' +
      '(POST /api/receipt-requests); it is shown only here (again on an idempotent replay) and also set as the HttpOnly cookie `wn_claim_<orderNo>`. Never put it in a link. ' +
      '`payment` follows the User-Agent: inside WeChat (MicroMessenger) { tradeType: "JSAPI", jsapi?: { appId, timeStamp, nonceStr, package, signType: "RSA", paySign }, checkoutUrl } ' +
      '(jsapi once the silent OAuth gave the openid, else checkoutUrl gets it first); other phones { tradeType: "H5", checkoutUrl } (WeChat) or { tradeType: "WAP", checkoutUrl, form } (alipay.trade.wap.pay); ' +
      'desktops { tradeType: "NATIVE" | "PRECREATE", codeUrl, checkoutUrl }.',
  })
  @ApiCreatedResponse({ type: CreatedDonationView })
  @ApiErrors({
    404: 'CAMPAIGN_NOT_FOUND',
    409: 'IDEMPOTENCY_KEY_REUSED, IDEMPOTENCY_KEY_IN_USE',
    422: 'INVALID_AMOUNT, CAMPAIGN_NOT_ACTIVE, FUND_NOT_FOUND, PAYMENT_CHANNEL_DISABLED',
    429: 'RATE_LIMITED',
  })
  async create(
    @Param('code') code: string,
    @Body() dto: CreateDonationDto,
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
    @Headers('idempotency-key') idempotencyKey?: string,
  ): Promise<CreatedDonationView> {
    // How it is paid follows where it is asked from (User-Agent): WeChat JSAPI, H5, wap.pay or a QR code.
    const created = await this.intake.create(code, dto, idempotencyKey, paymentClientOf(req, this.wechatOAuth));
    if (created.claimToken) setClaimCookie(req, reply, created.orderNo, created.claimToken);
    return created;
  }

  @Get('api/donations/:orderNo')
  @RateLimit('order-lookups')
  @ApiOperation({ summary: 'A donation by its order number (no personal data); rate limited per client address (429 RATE_LIMITED, ORDER_LOOKUP_RATE_LIMIT)' })
  @ApiOkResponse({ type: DonationView })
  @ApiErrors({ 404: 'ORDER_NOT_FOUND', 429: 'RATE_LIMITED' })
  get(@Param('orderNo') orderNo: string): Promise<DonationView> {
    return this.donations.getPublic(orderNo);
  }

  @Get('api/staff/donations')
  @Roles('finance')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Search donations (masked); flagged=true lists amount mismatches and double payments to resolve' })
  @ApiOkResponse({ type: StaffDonationListView })
  search(@Query() query: StaffDonationSearch): Promise<StaffDonationListView> {
    return this.donations.search({
      ...query,
      from: query.from ? new Date(query.from) : undefined,
      to: query.to ? new Date(query.to) : undefined,
      limit: query.limit ?? 100,
    });
  }

  @Post('api/staff/donations/:orderNo/resolve')
  @HttpCode(200)
  @Roles('finance')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Mark a flagged donation (amount mismatch, double payment) resolved, with a note; audited' })
  @ApiOkResponse({ type: DonationFlagView })
  @ApiErrors({ 404: 'ORDER_NOT_FOUND', 409: 'NOT_FLAGGED' })
  resolve(@Param('orderNo') orderNo: string, @Body() dto: ResolveFlagDto, @CurrentStaff() staff: StaffPrincipal): Promise<DonationFlagView> {
    return this.donations.resolveFlag(orderNo, dto.note, staff);
  }

  @Post('api/staff/donations/:orderNo/message/hide')
  @HttpCode(200)
  @Roles('finance')
  @ApiBearerAuth()
  @ApiOperation({
    summary: "Hide a donor's message from the public wall (or show it again with hidden: false); audited",
    description:
      '200 { orderNo, messageHidden, messageHiddenReason }. The wall (GET /api/campaigns/:code/wall, /c/:code) stops showing it at once. ' +
      '404 ORDER_NOT_FOUND; 422 NO_DONOR_MESSAGE when the gift has no message; 400 VALIDATION_FAILED when hiding without a reason.',
  })
  @ApiOkResponse({ type: DonationMessageView })
  @ApiErrors({ 404: 'ORDER_NOT_FOUND', 422: 'NO_DONOR_MESSAGE' })
  hideMessage(@Param('orderNo') orderNo: string, @Body() dto: HideMessageDto, @CurrentStaff() staff: StaffPrincipal): Promise<DonationMessageView> {
    const hidden = dto.hidden ?? true;
    return this.donations.setMessageHidden(orderNo, hidden, dto.reason || undefined, staff);
  }

  @Post('api/staff/donations/:orderNo/refund')
  @Roles('finance')
  @ApiBearerAuth()
  @ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    description: 'same key + same body → the same refund (a double click refunds once); different body → 409 IDEMPOTENCY_KEY_REUSED',
  })
  @ApiOperation({
    summary: 'Refund a whole paid donation through its provider (bank transfers: record the return made at the bank); audited',
    description:
      '200 { status: "succeeded" } when done (donation `refunded`, totals decreased, receipt voided, open receipt requests rejected); 202 { status: "processing" } when the provider confirms later (WeChat Pay REFUND.SUCCESS). ' +
      '409 NOT_REFUNDABLE (not paid, or already refunded); 422 REFUND_AMOUNT_NOT_FULL; 502 REFUND_REFUSED (the provider said no; nothing changed); 503 REFUND_PROVIDER_UNAVAILABLE (no answer; nothing changed; retrying reuses the refund number).',
  })
  @ApiOkResponse({ type: RefundView, description: 'succeeded: done' })
  @ApiAcceptedResponse({ type: RefundView, description: 'processing: the provider confirms later' })
  @ApiErrors({
    404: 'ORDER_NOT_FOUND',
    409: 'NOT_REFUNDABLE, REFUND_IN_PROGRESS, IDEMPOTENCY_KEY_REUSED',
    422: 'REFUND_AMOUNT_NOT_FULL',
    502: 'REFUND_REFUSED',
    503: 'REFUND_PROVIDER_UNAVAILABLE',
  })
  async refund(
    @Param('orderNo') orderNo: string,
    @Body() dto: RefundDonationDto,
    @CurrentStaff() staff: StaffPrincipal,
    @Res({ passthrough: true }) reply: FastifyReply,
    @Headers('idempotency-key') idempotencyKey?: string,
  ): Promise<RefundView> {
    const view = await this.refunds.refund(orderNo, dto, idempotencyKey, staff);
    void reply.status(view.status === 'processing' ? 202 : 200);
    return view;
  }

  @Get('api/staff/donations/:orderNo/refunds')
  @Roles('finance')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'The refunds of a donation, newest first' })
  @ApiOkResponse({ type: RefundListView })
  @ApiErrors({ 404: 'ORDER_NOT_FOUND' })
  refundsOf(@Param('orderNo') orderNo: string): Promise<RefundListView> {
    return this.refunds.listFor(orderNo);
  }
}
