import { Controller, Get, HttpCode, Param, Post, Query, Req, UseGuards, ValidationPipe } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiOperation, ApiTags, getSchemaPath, ApiExtraModels } from '@nestjs/swagger';
import { ThrottlerGuard } from '@nestjs/throttler';
import type { FastifyRequest } from 'fastify';
import { DomainError } from '../common/errors';
import { CreateReceiptRequestDto } from './dto/create-receipt-request.dto';
import { ReceiptRequestsService } from './receipt-requests.service';
import { ReceiptsService } from './receipts.service';
import { ScreenshotStorage } from './screenshot-storage';

// The same rules as the global pipe; applied by hand because the body may be JSON or multipart.
const validation = new ValidationPipe({ whitelist: true, forbidNonWhitelisted: true, transform: true, stopAtFirstError: true });

/** Public receipt endpoints: donors ask, follow their request, and anyone verifies a receipt. */
@ApiTags('receipts')
@Controller()
export class ReceiptRequestsController {
  constructor(
    private readonly requests: ReceiptRequestsService,
    private readonly receipts: ReceiptsService,
    private readonly screenshots: ScreenshotStorage,
  ) {}

  @Post('api/receipt-requests')
  @HttpCode(201)
  @UseGuards(ThrottlerGuard)
  @ApiOperation({
    summary: 'Ask for a donation receipt',
    description:
      '201 { requestId, status: queued | pending_review }. 422: BELOW_RECEIPT_THRESHOLD, INVALID_ID_NUMBER, INVALID_CREDIT_CODE, INVALID_PHONE, INVALID_EMAIL, AMOUNT_MISMATCH; 409 RECEIPT_ALREADY_REQUESTED; 404 CAMPAIGN_NOT_FOUND.',
  })
  @ApiExtraModels(CreateReceiptRequestDto)
  @ApiConsumes('application/json', 'multipart/form-data')
  @ApiBody({
    description: 'JSON, or multipart/form-data with the same fields plus an optional `screenshot` (PNG, JPEG or WebP, at most 5 MB; 422 INVALID_SCREENSHOT)',
    schema: { $ref: getSchemaPath(CreateReceiptRequestDto) },
  })
  async create(@Req() req: FastifyRequest) {
    if (!req.isMultipart()) {
      const dto = (await validation.transform(req.body ?? {}, { type: 'body', metatype: CreateReceiptRequestDto })) as CreateReceiptRequestDto;
      return this.requests.create(dto);
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
    const dto = (await validation.transform(plain, { type: 'body', metatype: CreateReceiptRequestDto })) as CreateReceiptRequestDto;
    const path = screenshot && screenshot.length > 0 ? await this.screenshots.store(screenshot) : null;
    return this.requests.create(dto, path);
  }

  @Get('api/receipt-requests/:requestId')
  @ApiOperation({ summary: 'Status of a receipt request: { requestId, status, receiptNo?, rejectReason? }' })
  status(@Param('requestId') requestId: string) {
    return this.requests.status(requestId);
  }

  @Post('api/receipt-requests/:requestId/resend')
  @HttpCode(202)
  @UseGuards(ThrottlerGuard)
  @ApiOperation({ summary: 'E-mail the issued receipt again to the address given in the request (409 RECEIPT_NOT_READY before issue)' })
  resend(@Param('requestId') requestId: string) {
    return this.requests.resend(requestId);
  }

  @Get('api/receipts/verify/:receiptNo')
  @ApiOperation({ summary: 'Verify a receipt from its QR code: { valid, receiptNo, status, amountFen, issuedAt, donorName (masked) }; 404 RECEIPT_NOT_FOUND' })
  verify(@Param('receiptNo') receiptNo: string, @Query('s') signature: string | undefined) {
    return this.receipts.verify(receiptNo, signature);
  }
}
