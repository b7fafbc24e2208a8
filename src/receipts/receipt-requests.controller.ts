import { Body, Controller, Get, HttpCode, Param, Post, Query, Req } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiExtraModels,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  getSchemaPath,
} from '@nestjs/swagger';
import { ApiErrors } from '../common/dto/error.view';
import { CreatedReceiptRequestView, QueuedView, ReceiptDeclineView, ReceiptRequestStatusView, ReceiptVerificationView } from './dto/receipt-request.view';
import type { FastifyRequest } from 'fastify';
import { DomainError } from '../common/errors';
import { InputValidationPipe } from '../common/input-checks';
import { RateLimit } from '../common/rate-limit';
import { claimTokenFromCookie } from '../donations/claim-token';
import { CreateReceiptRequestDto } from './dto/create-receipt-request.dto';
import { DeclineReceiptDto } from './dto/official-receipt.dto';
import { ReceiptRequestsService } from './receipt-requests.service';
import { ReceiptsService } from './receipts.service';
import { AggregateReceiptRequestsService } from './aggregate-receipt-requests.service';

function parseJsonField(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new DomainError('VALIDATION_FAILED', 'orders 须为 JSON 数组：[{"orderNo": "…", "claimToken": "…"}]');
  }
}

// The global pipe, applied by hand because the body may be JSON or multipart.
const validation = new InputValidationPipe();

/** The claim token in the body, else the one the donor's browser holds for the named order. */
function claimOf(dto: CreateReceiptRequestDto, req: FastifyRequest): string | undefined {
  return dto.claimToken ?? claimTokenFromCookie(req, dto.orderNo);
}

/** For each order of an aggregate request: its token in the body, else the browser's cookie for it. */
function claimsOf(req: FastifyRequest): (orderNo: string, given: string | undefined) => string | undefined {
  return (orderNo, given) => given ?? claimTokenFromCookie(req, orderNo);
}

/** Public receipt endpoints: donors ask, follow their request, and anyone verifies a receipt. */
@ApiTags('receipts')
@Controller()
export class ReceiptRequestsController {
  constructor(
    private readonly requests: ReceiptRequestsService,
    private readonly receipts: ReceiptsService,
    private readonly aggregates: AggregateReceiptRequestsService,
  ) {}

  private submit(dto: CreateReceiptRequestDto, req: FastifyRequest, screenshot: Buffer | null = null) {
    if (dto.orders !== undefined) return this.aggregates.create(dto, claimsOf(req), screenshot);
    return this.requests.create(dto, claimOf(dto, req), screenshot);
  }

  @Post('api/receipt-requests')
  @HttpCode(201)
  @RateLimit('public-writes')
  @ApiOperation({
    summary: 'Ask for a donation receipt',
    description:
      "201 { requestId, status: queued | pending_review }. `queued` only with the donation's claimToken (body, or the wn_claim_<orderNo> cookie) for a paid donation of that amount in a campaign that auto-approves; " +
      'with `orders` (合并开具, 2-50 gifts, each with its claimToken or cookie): one record for all of them, queued likewise when every token is valid (see `orders` for its refusals); ' +
      'anything else waits for staff (pending_review), and such an answer never depends on the donation named (its amount, status or existence). ' +
      '422: BELOW_RECEIPT_THRESHOLD, INVALID_ID_NUMBER, INVALID_CREDIT_CODE, INVALID_PHONE, INVALID_EMAIL, AMOUNT_MISMATCH (valid claim token only); 409 RECEIPT_ALREADY_REQUESTED (valid claim token only: a live request or receipt made with it, or approved by staff); 404 CAMPAIGN_NOT_FOUND.',
  })
  @ApiExtraModels(CreateReceiptRequestDto)
  @ApiConsumes('application/json', 'multipart/form-data')
  @ApiBody({
    description: 'JSON, or multipart/form-data with the same fields plus an optional `screenshot` (PNG, JPEG or WebP, at most 5 MB; 422 INVALID_SCREENSHOT)',
    schema: { $ref: getSchemaPath(CreateReceiptRequestDto) },
  })
  @ApiCreatedResponse({ type: CreatedReceiptRequestView })
  @ApiErrors({
    404: 'CAMPAIGN_NOT_FOUND',
    409: 'RECEIPT_ALREADY_REQUESTED',
    422: 'BELOW_RECEIPT_THRESHOLD, INVALID_ID_NUMBER, INVALID_CREDIT_CODE, INVALID_PHONE, INVALID_EMAIL, AMOUNT_MISMATCH, INVALID_SCREENSHOT',
    429: 'RATE_LIMITED',
  })
  async create(@Req() req: FastifyRequest): Promise<CreatedReceiptRequestView> {
    if (!req.isMultipart()) {
      const dto = (await validation.transform(req.body ?? {}, { type: 'body', metatype: CreateReceiptRequestDto })) as CreateReceiptRequestDto;
      return this.submit(dto, req);
    }
    const fields: Record<string, string> = {};
    let screenshot: Buffer | null = null;
    for await (const part of req.parts()) {
      if (part.type === 'file') {
        if (part.fieldname !== 'screenshot' || screenshot) {
          await part.toBuffer();
          throw new DomainError('VALIDATION_FAILED', '只能上传一张付款截图（字段名 screenshot）');
        }
        screenshot = await part.toBuffer();
        if (part.file.truncated) throw new DomainError('PAYLOAD_TOO_LARGE', '付款截图不能超过 5 MB');
      } else if (typeof part.value === 'string') {
        fields[part.fieldname] = part.value;
      }
    }
    const plain: Record<string, unknown> = { ...fields };
    if (typeof fields.amountFen === 'string' && /^\d{1,12}$/.test(fields.amountFen)) plain.amountFen = Number(fields.amountFen);
    // An aggregate's orders travel as one JSON field in a form.
    if (typeof fields.orders === 'string') plain.orders = parseJsonField(fields.orders);
    const dto = (await validation.transform(plain, { type: 'body', metatype: CreateReceiptRequestDto })) as CreateReceiptRequestDto;
    return this.submit(dto, req, screenshot && screenshot.length > 0 ? screenshot : null);
  }

  @Post('api/receipt-declines')
  @HttpCode(200)
  @RateLimit('public-writes')
  @ApiOperation({
    summary:
      'The donor wants no receipt for a donation (recorded, as the rules ask) → 200 { orderNo, receiptDeclined: true, declinedAt }. Needs the claim token (body or cookie): otherwise 404 ORDER_NOT_FOUND whatever the order; 409 RECEIPT_ALREADY_REQUESTED with a live request. A request made later withdraws the decline (kept on record)',
  })
  @ApiOkResponse({ type: ReceiptDeclineView })
  @ApiErrors({ 404: 'ORDER_NOT_FOUND', 409: 'RECEIPT_ALREADY_REQUESTED' })
  decline(@Body() dto: DeclineReceiptDto, @Req() req: FastifyRequest): Promise<ReceiptDeclineView> {
    return this.requests.decline(dto.orderNo, dto.claimToken ?? claimTokenFromCookie(req, dto.orderNo));
  }

  @Get('api/receipt-requests/:requestId')
  @ApiOperation({ summary: 'Status of a receipt request: { requestId, status, receiptNo?, rejectReason? }' })
  @ApiOkResponse({ type: ReceiptRequestStatusView })
  @ApiErrors({ 404: 'RECEIPT_REQUEST_NOT_FOUND' })
  status(@Param('requestId') requestId: string): Promise<ReceiptRequestStatusView> {
    return this.requests.status(requestId);
  }

  @Post('api/receipt-requests/:requestId/resend')
  @HttpCode(202)
  @RateLimit('public-writes')
  @ApiOperation({ summary: 'E-mail the issued receipt again to the address given in the request (409 RECEIPT_NOT_READY before issue)' })
  @ApiAcceptedResponse({ type: QueuedView })
  @ApiErrors({ 404: 'RECEIPT_REQUEST_NOT_FOUND', 409: 'RECEIPT_NOT_READY' })
  resend(@Param('requestId') requestId: string): Promise<QueuedView> {
    return this.requests.resend(requestId);
  }

  @Get('api/receipts/verify/:receiptNo')
  @ApiOperation({
    summary:
      'Verify a receipt from its QR code: { valid, receiptNo, status, amountFen, issuedAt, donorName (masked), giftCount (more than 1: 合并开具), official }; 404 RECEIPT_NOT_FOUND',
  })
  @ApiOkResponse({ type: ReceiptVerificationView })
  @ApiErrors({ 404: 'RECEIPT_NOT_FOUND' })
  verify(@Param('receiptNo') receiptNo: string, @Query('s') signature: string | undefined): Promise<ReceiptVerificationView> {
    return this.receipts.verify(receiptNo, signature);
  }
}
