import { Body, Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '../common/dto/error.view';
import { QueuedView, StaffCreatedReceiptRequestView } from './dto/receipt-request.view';
import { ReceiptDetailsView, ReceiptListView, ReissuedReceiptView } from './dto/receipt.view';
import {
  ApprovedView,
  BulkApprovalView,
  RejectedView,
  RevealedPersonalDataView,
  ReviewedReceiptRequestListView,
  StartedJobView,
} from './dto/receipt-review.view';
import type { FastifyReply } from 'fastify';
import { Roles } from '../staff/auth/roles.decorator';
import { CurrentStaff, StaffPrincipal } from '../staff/auth/staff-principal';
import { ApproveReceiptRequestDto, BulkApproveDto, ReasonDto, ReceiptRequestQuery, ReceiptSearchQuery, ReissueReceiptDto } from './dto/review.dto';
import { StartApproveJobDto } from './dto/approve-job.dto';
import { ReceiptApprovalJobService } from './receipt-approval-job.service';
import { ReceiptReviewService } from './receipt-review.service';
import { ReceiptsService } from './receipts.service';
import { ReceiptRequestsService } from './receipt-requests.service';
import { GoodsReceiptRequestDto, StaffAggregateReceiptRequestDto } from './dto/create-receipt-request.dto';
import { AggregateReceiptRequestsService } from './aggregate-receipt-requests.service';

/** Finance staff: the review queue, approvals, rejections, and issued receipts. */
@ApiTags('staff: receipts')
@ApiBearerAuth()
@Controller('api/staff')
export class ReceiptsStaffController {
  constructor(
    private readonly review: ReceiptReviewService,
    private readonly receipts: ReceiptsService,
    private readonly requests: ReceiptRequestsService,
    private readonly approvalJobs: ReceiptApprovalJobService,
    private readonly aggregates: AggregateReceiptRequestsService,
  ) {}

  @Get('receipt-requests')
  @Roles('finance')
  @ApiOperation({ summary: 'Receipt requests (personal data masked), oldest first; ?status=pending_review is the review queue' })
  @ApiOkResponse({ type: ReviewedReceiptRequestListView })
  list(@Query() query: ReceiptRequestQuery): Promise<ReviewedReceiptRequestListView> {
    return this.review.list(query);
  }

  @Post('receipt-requests/approve')
  @HttpCode(202)
  @Roles('finance')
  @ApiOperation({ summary: 'Approve many matched requests at once: { queued, results: [{ requestId, status } | { requestId, code, message }] }' })
  @ApiAcceptedResponse({ type: BulkApprovalView })
  approveMany(@Body() dto: BulkApproveDto, @CurrentStaff() staff: StaffPrincipal): Promise<BulkApprovalView> {
    return this.review.approveMany(dto.requestIds, staff);
  }

  @Post('receipt-requests/approve-jobs')
  @HttpCode(202)
  @Roles('finance')
  @ApiOperation({
    summary:
      'Approve many requests in the background → 202 { jobId, total }: the listed requestIds, or with { campaignCode, status: "pending_review" } every matched request of the campaign waiting for review. ' +
      'Follow with GET /api/staff/jobs/:jobId (progress { done, total, failed }; result { total, approved, alreadyApproved, failed, errors: [{ requestId, code, message }] }). ' +
      'Each request goes through the single approval: approved requests are left alone, so a second job approves nothing twice. Nothing to approve → 422 NOTHING_TO_APPROVE',
  })
  @ApiAcceptedResponse({ type: StartedJobView })
  @ApiErrors({ 422: 'NOTHING_TO_APPROVE' })
  approveJob(@Body() dto: StartApproveJobDto, @CurrentStaff() staff: StaffPrincipal): Promise<StartedJobView> {
    return this.approvalJobs.start(dto, staff);
  }

  @Post('receipt-requests/aggregate')
  @HttpCode(201)
  @Roles('finance')
  @ApiOperation({
    summary:
      'An aggregate receipt (合并开具) for a donor staff verified (e.g. bank transfers) → 201 { requestId, status: "queued", amountFen }: one record listing 2-50 paid gifts of the campaign (one fund). ' +
      '422 DUPLICATE_ORDER, ORDER_NOT_FOUND (404), AGGREGATE_MIXED_CAMPAIGNS, AGGREGATE_MIXED_FUNDS, DONATION_NOT_PAID, DONATION_REFUNDED, AMOUNT_MISMATCH, BELOW_RECEIPT_THRESHOLD; 409 RECEIPT_ALREADY_REQUESTED (a gift on a live request or record). Audited',
  })
  @ApiCreatedResponse({ type: StaffCreatedReceiptRequestView })
  aggregate(@Body() dto: StaffAggregateReceiptRequestDto, @CurrentStaff() staff: StaffPrincipal): Promise<StaffCreatedReceiptRequestView> {
    return this.aggregates.createByStaff(dto, staff);
  }

  @Post('receipt-requests/:requestId/approve')
  @HttpCode(202)
  @Roles('finance')
  @ApiOperation({
    summary:
      'Approve (naming the donation by orderNo when it was not matched) → 202 { status: "queued" }; approving twice is harmless. An aggregate request (合并开具) is approved for the orders it lists (orderNo not allowed), with the checks of POST /api/receipt-requests `orders`',
  })
  @ApiAcceptedResponse({ type: ApprovedView })
  @ApiErrors({
    404: 'RECEIPT_REQUEST_NOT_FOUND',
    409: 'RECEIPT_REQUEST_CLOSED, RECEIPT_ALREADY_REQUESTED',
    422: 'DONATION_REQUIRED, DONATION_NOT_PAID, AMOUNT_MISMATCH',
  })
  approve(@Param('requestId') requestId: string, @Body() dto: ApproveReceiptRequestDto, @CurrentStaff() staff: StaffPrincipal): Promise<ApprovedView> {
    return this.review.approve(requestId, dto?.orderNo, staff);
  }

  @Post('receipt-requests/:requestId/reject')
  @HttpCode(200)
  @Roles('finance')
  @ApiOperation({ summary: 'Reject with a reason; the reason is e-mailed to the donor' })
  @ApiOkResponse({ type: RejectedView })
  @ApiErrors({ 404: 'RECEIPT_REQUEST_NOT_FOUND', 409: 'RECEIPT_REQUEST_CLOSED' })
  reject(@Param('requestId') requestId: string, @Body() dto: ReasonDto, @CurrentStaff() staff: StaffPrincipal): Promise<RejectedView> {
    return this.review.reject(requestId, dto.reason, staff);
  }

  @Post('receipt-requests/:requestId/reveal')
  @HttpCode(200)
  @Roles('finance')
  @ApiOperation({ summary: "Reveal a request's ID number, phone, e-mail and address in clear (admin, finance); every reveal is in the audit log" })
  @ApiOkResponse({ type: RevealedPersonalDataView })
  @ApiErrors({ 404: 'RECEIPT_REQUEST_NOT_FOUND' })
  reveal(@Param('requestId') requestId: string, @CurrentStaff() staff: StaffPrincipal): Promise<RevealedPersonalDataView> {
    return this.review.reveal(requestId, staff);
  }

  @Get('receipts')
  @Roles('finance')
  @ApiOperation({ summary: 'Find receipts by campaign, status, number or order number, or part of the name / title; newest first' })
  @ApiOkResponse({ type: ReceiptListView })
  search(@Query() query: ReceiptSearchQuery): Promise<ReceiptListView> {
    return this.receipts.search(query);
  }

  @Post('receipts/:receiptNo/resend')
  @HttpCode(202)
  @Roles('finance')
  @ApiOperation({ summary: 'E-mail a live receipt to the donor again; audited' })
  @ApiAcceptedResponse({ type: QueuedView })
  @ApiErrors({ 404: 'RECEIPT_NOT_FOUND', 409: 'RECEIPT_NOT_READY' })
  resend(@Param('receiptNo') receiptNo: string, @CurrentStaff() staff: StaffPrincipal): Promise<QueuedView> {
    return this.receipts.resend(receiptNo, staff);
  }

  @Post('in-kind-donations/:id/receipt-requests')
  @HttpCode(201)
  @Roles('finance', 'warehouse')
  @ApiOperation({
    summary:
      'Ask for a receipt for received goods (the accepted share of the declared value; at least the campaign threshold) → 201 { requestId, status: "queued", amountFen }. Warehouse (who received the goods) or finance; issued through the same numbering as cash',
  })
  @ApiCreatedResponse({ type: StaffCreatedReceiptRequestView })
  goodsReceipt(@Param('id') id: string, @Body() dto: GoodsReceiptRequestDto, @CurrentStaff() staff: StaffPrincipal): Promise<StaffCreatedReceiptRequestView> {
    return this.requests.createForGoods(id, dto, staff);
  }

  @Get('receipt-requests/:requestId/screenshot')
  @Roles('finance')
  @ApiOperation({ summary: 'The payment screenshot uploaded with a request (image), for review' })
  async screenshot(@Param('requestId') requestId: string, @Res() reply: FastifyReply) {
    const image = await this.review.screenshot(requestId);
    await reply.header('Content-Type', image.type).header('Cache-Control', 'no-store').header('Content-Disposition', 'inline').send(image.bytes);
  }

  @Get('receipts/:receiptNo')
  @Roles('finance')
  @ApiOperation({
    summary:
      'A receipt: status, donor, amount, delivery, void and reissue links, official (the 公益事业捐赠票据 attached, or null: a 捐赠证明); Art. 6 projectCode, payerCreditCode, reviewer (复核人), payee (收款人); aggregate (合并开具) with gifts: [{ orderNo, amountFen, donatedAt }]',
  })
  @ApiOkResponse({ type: ReceiptDetailsView })
  @ApiErrors({ 404: 'RECEIPT_NOT_FOUND' })
  details(@Param('receiptNo') receiptNo: string): Promise<ReceiptDetailsView> {
    return this.receipts.details(receiptNo);
  }

  @Get('receipts/:receiptNo/pdf')
  @Roles('finance')
  @ApiOperation({ summary: 'The receipt PDF (application/pdf); 409 RECEIPT_NOT_READY while it is being rendered' })
  async pdf(@Param('receiptNo') receiptNo: string, @Res() reply: FastifyReply) {
    const pdf = await this.receipts.pdf(receiptNo);
    await reply
      .header('Content-Type', 'application/pdf')
      .header('Content-Disposition', `inline; filename="${receiptNo}.pdf"`)
      .header('Cache-Control', 'no-store')
      .send(pdf);
  }

  @Post('receipts/:receiptNo/void')
  @HttpCode(200)
  @Roles('finance')
  @ApiOperation({ summary: 'Void a receipt, with a reason; its number stays taken (voided) forever' })
  @ApiOkResponse({ type: ReceiptDetailsView, description: 'the voided record' })
  @ApiErrors({ 404: 'RECEIPT_NOT_FOUND' })
  void(@Param('receiptNo') receiptNo: string, @Body() dto: ReasonDto, @CurrentStaff() staff: StaffPrincipal): Promise<ReceiptDetailsView> {
    return this.receipts.void(receiptNo, dto.reason, staff);
  }

  @Post('receipts/:receiptNo/reissue')
  @HttpCode(202)
  @Roles('finance')
  @ApiOperation({ summary: 'Void (if live) and issue a new receipt with a new number, optionally with a corrected name or title' })
  @ApiAcceptedResponse({ type: ReissuedReceiptView })
  @ApiErrors({ 404: 'RECEIPT_NOT_FOUND' })
  reissue(@Param('receiptNo') receiptNo: string, @Body() dto: ReissueReceiptDto, @CurrentStaff() staff: StaffPrincipal): Promise<ReissuedReceiptView> {
    return this.receipts.reissue(receiptNo, dto, staff);
  }
}
