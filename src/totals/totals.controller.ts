import { Body, Controller, Get, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiPropertyOptional,
  ApiTags,
} from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, Min } from 'class-validator';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { clientKey } from '../common/client-address';
import { DomainError } from '../common/errors';
import { Roles } from '../staff/auth/roles.decorator';
import { CurrentStaff, StaffPrincipal } from '../staff/auth/staff-principal';
import { DisbursementsService } from './disbursements.service';
import { CreateDisbursementDto, VoidDisbursementDto } from './dto/create-disbursement.dto';
import { PROOF_FORM, readProofForm } from './disbursement-proof-form';
import { PublicBody, publicBody, TotalsService } from './totals.service';
import { TotalsStreamHub } from './totals-stream.hub';
import { sendPublic } from './public-response';
import { ApiErrors } from '../common/dto/error.view';
import { DailyView, TotalsView, WallView } from './dto/totals.view';
import { DisbursementListView, RecordedDisbursementView, StaffDisbursementListView, StaffDisbursementView } from './dto/disbursement.view';

class WallQuery {
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(200) limit?: number;
  @ApiPropertyOptional({ example: 'medical', description: 'only the gifts designated to this fund; unknown → 422 FUND_NOT_FOUND' })
  @IsOptional()
  @IsString()
  fund?: string;
}

class DailyQuery {
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(366) days?: number;
}

@ApiTags('totals')
@Controller()
export class TotalsController {
  constructor(
    private readonly totals: TotalsService,
    private readonly disbursements: DisbursementsService,
    private readonly hub: TotalsStreamHub,
  ) {}

  @Get('api/campaigns/:code/totals')
  @ApiOperation({ summary: 'Public totals: paid cash donations and accepted goods only, equal to the ledger; ETag, max-age=1' })
  @ApiOkResponse({ type: TotalsView, description: 'ETag, Cache-Control: public, max-age=1; 304 on If-None-Match' })
  @ApiErrors({ 404: 'CAMPAIGN_NOT_FOUND' })
  async get(@Param('code') code: string, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const body: PublicBody<TotalsView> = await this.totals.totalsBody(code);
    sendPublic(request, reply, body, 1);
  }

  @Get('api/campaigns/:code/totals/stream')
  @ApiProduces('text/event-stream')
  @ApiOperation({
    summary:
      'Live totals (text/event-stream): the totals JSON at once, then again whenever they change; comment lines as heartbeats. At most MAX_STREAMS_PER_CLIENT open per client address (one more: 429 TOO_MANY_STREAMS with Retry-After); 503 SERVER_BUSY when the process holds its MAX_STREAMS',
  })
  async stream(@Param('code') code: string, @Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    let slot;
    try {
      slot = await this.hub.open(code, clientKey(request.ip));
    } catch (error) {
      const retryAfter = error instanceof DomainError ? error.details?.retryAfterSeconds : undefined;
      if (typeof retryAfter === 'number') void reply.header('Retry-After', String(retryAfter));
      throw error;
    }
    reply.hijack();
    reply.raw.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-cache, no-transform',
      'X-Accel-Buffering': 'no',
      'X-Content-Type-Options': 'nosniff',
      Connection: 'keep-alive',
    });
    this.hub.attach(reply.raw, slot);
  }

  @Get('api/campaigns/:code/wall')
  @ApiOperation({
    summary:
      'Donor wall: newest first, masked names, only donors who agreed; a designated gift carries fundCode/fundName; a gift with a donor message carries `message` (cleaned: no control characters, contact data masked as ***; absent once staff hid it); `fund` filters to one fund (422 FUND_NOT_FOUND); ETag, max-age=2',
  })
  @ApiOkResponse({ type: WallView, description: 'ETag, Cache-Control: public, max-age=2' })
  @ApiErrors({ 404: 'CAMPAIGN_NOT_FOUND', 422: 'FUND_NOT_FOUND' })
  async wall(@Param('code') code: string, @Query() query: WallQuery, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const body: PublicBody<WallView> = await this.totals.wallBody(code, query.limit ?? 50, query.fund);
    sendPublic(request, reply, body, 2);
  }

  @Get('api/campaigns/:code/daily')
  @ApiOperation({ summary: 'Amount and count per Beijing calendar day, last `days` days (default 30), from the daily counters' })
  @ApiOkResponse({ type: DailyView, description: 'ETag, Cache-Control: public, max-age=5' })
  @ApiErrors({ 404: 'CAMPAIGN_NOT_FOUND' })
  async daily(@Param('code') code: string, @Query() query: DailyQuery, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const items = await this.totals.daily(code, query.days ?? 30);
    sendPublic(request, reply, publicBody<DailyView>('', { items }), 5);
  }

  @Get('api/campaigns/:code/disbursements')
  @ApiOperation({ summary: 'Where the money went, newest first; ETag, max-age=10' })
  @ApiOkResponse({ type: DisbursementListView, description: 'ETag, Cache-Control: public, max-age=10' })
  @ApiErrors({ 404: 'CAMPAIGN_NOT_FOUND' })
  async listDisbursements(@Param('code') code: string, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    sendPublic(request, reply, publicBody<DisbursementListView>('', await this.disbursements.list(code)), 10);
  }

  @Get('api/campaigns/:code/disbursements/:id/attachment')
  @ApiProduces('application/pdf', 'image/png', 'image/jpeg')
  @ApiOperation({ summary: 'The proof attached to a disbursement (PDF, PNG or JPEG); ETag is its SHA-256' })
  async attachment(@Param('code') code: string, @Param('id') id: string, @Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    const file = await this.disbursements.attachment(code, id);
    void reply.header('Content-Disposition', 'inline').header('X-Content-Type-Options', 'nosniff');
    sendPublic(request, reply, { bytes: file.bytes, etag: `"${file.sha256}"` }, 300, file.type);
  }

  @Post('api/staff/disbursements')
  @Roles('finance')
  @ApiBearerAuth()
  @ApiOperation({
    summary:
      'Record where money went; counted in disbursedFen (and its fund). 422 FUND_NOT_FOUND; more disbursed than received (campaign or fund): 422 DISBURSEMENT_EXCEEDS_RECEIVED with confirmExceeding: false, recorded as confirmed with true, recorded with exceedsReceived and a warning when absent',
  })
  @ApiCreatedResponse({ type: RecordedDisbursementView })
  @ApiErrors({ 404: 'CAMPAIGN_NOT_FOUND', 409: 'DUPLICATE_BANK_REFERENCE', 422: 'FUND_NOT_FOUND, DISBURSEMENT_EXCEEDS_RECEIVED, INVALID_AMOUNT' })
  createDisbursement(@Body() dto: CreateDisbursementDto, @CurrentStaff() staff: StaffPrincipal): Promise<RecordedDisbursementView> {
    return this.disbursements.create(dto, staff);
  }

  @Post('api/staff/disbursements/:id/void')
  @Roles('finance')
  @HttpCode(200)
  @ApiBearerAuth()
  @ApiOperation({
    summary:
      'Void a disbursement (a correction, audited): no longer counted, still listed publicly with its reason; 409 DISBURSEMENT_ALREADY_VOIDED, 404 DISBURSEMENT_NOT_FOUND',
  })
  @ApiOkResponse({ type: StaffDisbursementView })
  @ApiErrors({ 404: 'DISBURSEMENT_NOT_FOUND', 409: 'DISBURSEMENT_ALREADY_VOIDED' })
  voidDisbursement(@Param('id') id: string, @Body() dto: VoidDisbursementDto, @CurrentStaff() staff: StaffPrincipal): Promise<StaffDisbursementView> {
    return this.disbursements.void(id, dto, staff);
  }

  @Post('api/staff/disbursements/:id/attachment')
  @Roles('finance')
  @ApiBearerAuth()
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: PROOF_FORM })
  @ApiOperation({
    summary:
      'Attach the proof of a disbursement (field `file`: PDF, PNG or JPEG by content, at most 5 MB; 422 INVALID_ATTACHMENT); shown publicly, unless `personalData` is true: then stored sealed (PII cipher) and shown to staff only',
  })
  @ApiCreatedResponse({ type: StaffDisbursementView })
  @ApiErrors({ 404: 'DISBURSEMENT_NOT_FOUND', 422: 'INVALID_ATTACHMENT' })
  async attach(@Param('id') id: string, @Req() request: FastifyRequest, @CurrentStaff() staff: StaffPrincipal): Promise<StaffDisbursementView> {
    const { file, fields } = await readProofForm(request, true);
    return this.disbursements.attach(id, file!, staff, fields.personalData === 'true');
  }

  @Get('api/staff/disbursements/:id')
  @Roles('finance', 'auditor')
  @ApiBearerAuth()
  @ApiOperation({
    summary:
      'One disbursement as staff see it: the public fields (exceeding: null | confirmed | pending, confirmation, bankReference) and confirmUrl (the signed link the recipient unit confirms with), paymentNoticeUrl, staffAttachmentUrl; 404 DISBURSEMENT_NOT_FOUND',
  })
  @ApiOkResponse({ type: StaffDisbursementView })
  @ApiErrors({ 404: 'DISBURSEMENT_NOT_FOUND' })
  getDisbursement(@Param('id') id: string): Promise<StaffDisbursementView> {
    return this.disbursements.getForStaff(id);
  }

  @Get('api/staff/campaigns/:code/disbursements/exceeding-pending')
  @Roles('finance', 'auditor')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Live disbursements recorded beyond what was received and not yet confirmed by staff (shown 超出已收款，待确认 publicly)' })
  @ApiOkResponse({ type: StaffDisbursementListView })
  @ApiErrors({ 404: 'CAMPAIGN_NOT_FOUND' })
  pendingExceeding(@Param('code') code: string): Promise<StaffDisbursementListView> {
    return this.disbursements.pendingExceeding(code);
  }

  @Post('api/staff/disbursements/:id/confirm-exceeding')
  @Roles('finance')
  @HttpCode(200)
  @ApiBearerAuth()
  @ApiOperation({
    summary:
      'Confirm, after the fact, a disbursement recorded beyond what was received without confirmExceeding (audited): its public mark changes from 待确认 to 已经工作人员确认; 409 EXCEEDING_NOT_PENDING, DISBURSEMENT_ALREADY_VOIDED',
  })
  @ApiOkResponse({ type: StaffDisbursementView })
  @ApiErrors({ 404: 'DISBURSEMENT_NOT_FOUND', 409: 'EXCEEDING_NOT_PENDING, DISBURSEMENT_ALREADY_VOIDED' })
  confirmExceeding(@Param('id') id: string, @CurrentStaff() staff: StaffPrincipal): Promise<StaffDisbursementView> {
    return this.disbursements.confirmExceeding(id, staff);
  }

  @Get('api/staff/disbursements/:id/attachment')
  @Roles('finance', 'auditor')
  @ApiBearerAuth()
  @ApiProduces('application/pdf', 'image/png', 'image/jpeg')
  @ApiOperation({ summary: 'The proof of a disbursement for staff, also when it holds personal data (opened from its sealed file)' })
  async staffAttachment(@Param('id') id: string, @Res() reply: FastifyReply) {
    const file = await this.disbursements.staffAttachment(id);
    void reply
      .header('Content-Type', file.type)
      .header('Content-Disposition', 'inline')
      .header('X-Content-Type-Options', 'nosniff')
      .header('Cache-Control', 'private, no-store')
      .send(file.bytes);
  }

  @Get('api/staff/disbursements/:id/payment-notice.pdf')
  @Roles('finance', 'auditor')
  @ApiBearerAuth()
  @ApiProduces('application/pdf')
  @ApiOperation({
    summary:
      'Payment notice (拨付通知单, A4 PDF) to send with the transfer: recipient, purpose, amount, bank reference, and the QR code of the signed link where the recipient unit confirms receipt; 409 DISBURSEMENT_ALREADY_VOIDED',
  })
  async paymentNotice(@Param('id') id: string, @Res() reply: FastifyReply) {
    const { bytes, filename } = await this.disbursements.paymentNotice(id);
    void reply
      .header('Content-Type', 'application/pdf')
      .header('Content-Disposition', `inline; filename="${filename}"`)
      .header('Cache-Control', 'private, no-store')
      .send(bytes);
  }
}
