import { Body, Controller, Get, HttpCode, Param, Post, Query, UseGuards } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { ThrottlerGuard } from '@nestjs/throttler';
import { CreateReceiptRequestDto } from './dto/create-receipt-request.dto';
import { ReceiptRequestsService } from './receipt-requests.service';
import { ReceiptsService } from './receipts.service';

/** Public receipt endpoints: donors ask, follow their request, and anyone verifies a receipt. */
@ApiTags('receipts')
@Controller()
export class ReceiptRequestsController {
  constructor(
    private readonly requests: ReceiptRequestsService,
    private readonly receipts: ReceiptsService,
  ) {}

  @Post('api/receipt-requests')
  @HttpCode(201)
  @UseGuards(ThrottlerGuard)
  @ApiOperation({
    summary: 'Ask for a donation receipt',
    description:
      '201 { requestId, status: queued | pending_review }. 422: BELOW_RECEIPT_THRESHOLD, INVALID_ID_NUMBER, INVALID_CREDIT_CODE, INVALID_PHONE, INVALID_EMAIL, AMOUNT_MISMATCH; 409 RECEIPT_ALREADY_REQUESTED; 404 CAMPAIGN_NOT_FOUND.',
  })
  create(@Body() dto: CreateReceiptRequestDto) {
    return this.requests.create(dto);
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
