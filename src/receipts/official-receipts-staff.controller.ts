import { Body, Controller, Get, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiBody, ApiConsumes, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '../common/dto/error.view';
import { QueuedView } from './dto/receipt-request.view';
import {
  ReceiptBookListView,
  ReceiptBookReportView,
  ReceiptBookView,
  ReceiptDeclineListView,
  ReceiptFormView,
  ReceiptOfficialView,
  RegisteredReceiptBookView,
} from './dto/official-receipt.view';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DomainError } from '../common/errors';
import { InputValidationPipe } from '../common/input-checks';
import { parseTimestamp } from '../common/text';
import { Roles } from '../staff/auth/roles.decorator';
import { CurrentStaff, StaffPrincipal } from '../staff/auth/staff-principal';
import { AttachFiscalDto, AttachPaperDto, CreateReceiptBookDto, DeclinesQuery, SpoilNumberDto } from './dto/official-receipt.dto';
import { OfficialReceiptsService } from './official-receipts.service';

// The global pipe, applied by hand because the fiscal entry may be JSON or multipart.
const validation = new InputValidationPipe();

/** Official receipts (公益事业捐赠票据): paper receipt books, paper numbers and fiscal receipts attached to records. */
@ApiTags('staff: official receipts')
@ApiBearerAuth()
@Controller('api/staff')
export class OfficialReceiptsStaffController {
  constructor(private readonly officials: OfficialReceiptsService) {}

  @Post('receipt-books')
  @HttpCode(201)
  @Roles('finance')
  @ApiOperation({
    summary:
      'Register a paper receipt book (admin, finance) → 201 { id, code, firstNumber, lastNumber }; 422 INVALID_RECEIPT_BOOK (first > last, more than 10,000); 409 RECEIPT_BOOK_OVERLAP (a range of the same code overlaps)',
  })
  @ApiCreatedResponse({ type: RegisteredReceiptBookView })
  @ApiErrors({ 409: 'RECEIPT_BOOK_OVERLAP', 422: 'INVALID_RECEIPT_BOOK' })
  registerBook(@Body() dto: CreateReceiptBookDto, @CurrentStaff() staff: StaffPrincipal): Promise<RegisteredReceiptBookView> {
    return this.officials.registerBook(dto, staff);
  }

  @Get('receipt-books')
  @Roles('finance')
  @ApiOperation({ summary: 'Registered receipt books with their counts, newest first' })
  @ApiOkResponse({ type: ReceiptBookListView })
  books(): Promise<ReceiptBookListView> {
    return this.officials.listBooks();
  }

  @Get('receipt-books/:id')
  @Roles('finance')
  @ApiOperation({
    summary:
      'The book report: { id, code, firstNumber, lastNumber, status, size, used, spoiled, unused, entries: [{ number, state, receiptNo, receiptStatus, reason }], unusedRanges }; used + spoiled + unused = size. A number used by a voided record stays used (receiptStatus "voided")',
  })
  @ApiOkResponse({ type: ReceiptBookReportView })
  @ApiErrors({ 404: 'RECEIPT_BOOK_NOT_FOUND' })
  book(@Param('id') id: string): Promise<ReceiptBookReportView> {
    return this.officials.bookReport(id);
  }

  @Post('receipt-books/:id/spoil')
  @HttpCode(200)
  @Roles('finance')
  @ApiOperation({ summary: 'Record a spoiled form (作废) with a reason; 422 RECEIPT_NUMBER_OUTSIDE_BOOK, 409 RECEIPT_NUMBER_USED' })
  @ApiOkResponse({ type: ReceiptBookView })
  @ApiErrors({ 404: 'RECEIPT_BOOK_NOT_FOUND', 409: 'RECEIPT_NUMBER_USED, RECEIPT_BOOK_CLOSED', 422: 'RECEIPT_NUMBER_OUTSIDE_BOOK' })
  spoil(@Param('id') id: string, @Body() dto: SpoilNumberDto, @CurrentStaff() staff: StaffPrincipal): Promise<ReceiptBookView> {
    return this.officials.spoil(id, dto.number, dto.reason, staff);
  }

  @Post('receipt-books/:id/close')
  @HttpCode(200)
  @Roles('finance')
  @ApiOperation({ summary: 'Close a book (核旧) once every number is used or spoiled; 409 RECEIPT_BOOK_HAS_UNUSED otherwise' })
  @ApiOkResponse({ type: ReceiptBookView })
  @ApiErrors({ 404: 'RECEIPT_BOOK_NOT_FOUND', 409: 'RECEIPT_BOOK_HAS_UNUSED' })
  close(@Param('id') id: string, @CurrentStaff() staff: StaffPrincipal): Promise<ReceiptBookView> {
    return this.officials.closeBook(id, staff);
  }

  @Post('receipts/:receiptNo/paper')
  @HttpCode(200)
  @Roles('finance')
  @ApiOperation({
    summary:
      'Attach a paper receipt number → 200 { receiptNo, official }; without `number` the lowest unused number of the book. 422 RECEIPT_NUMBER_OUTSIDE_BOOK, 409 RECEIPT_NUMBER_USED, 409 OFFICIAL_RECEIPT_EXISTS, 409 RECEIPT_VOIDED, 409 RECEIPT_BOOK_EXHAUSTED. The PDF is rendered again as a 捐赠票据 and mailed',
  })
  @ApiOkResponse({ type: ReceiptOfficialView })
  @ApiErrors({
    404: 'RECEIPT_NOT_FOUND, RECEIPT_BOOK_NOT_FOUND',
    409: 'RECEIPT_NUMBER_USED, OFFICIAL_RECEIPT_EXISTS, RECEIPT_VOIDED, RECEIPT_BOOK_CLOSED, RECEIPT_BOOK_EXHAUSTED',
    422: 'RECEIPT_NUMBER_OUTSIDE_BOOK',
  })
  paper(@Param('receiptNo') receiptNo: string, @Body() dto: AttachPaperDto, @CurrentStaff() staff: StaffPrincipal): Promise<ReceiptOfficialView> {
    return this.officials.attachPaper(receiptNo, { bookId: dto.bookId, number: dto.number }, staff);
  }

  @Post('receipts/:receiptNo/fiscal')
  @HttpCode(200)
  @Roles('finance')
  @ApiConsumes('application/json', 'multipart/form-data')
  @ApiBody({
    description:
      "JSON { code, number, checkCode, issuedAt }, or multipart with the same fields and `file`: the platform's PDF or OFD (checked by content; 422 INVALID_ATTACHMENT)",
    schema: {
      type: 'object',
      required: ['code', 'number', 'checkCode', 'issuedAt'],
      properties: {
        code: { type: 'string', example: '42010124' },
        number: { type: 'string', example: '0012345678' },
        checkCode: { type: 'string', example: 'a1b2c3' },
        issuedAt: { type: 'string', example: '2020-02-03T10:00:00+08:00' },
        file: { type: 'string', format: 'binary' },
      },
    },
  })
  @ApiOperation({
    summary:
      'Enter the electronic receipt issued in the 财政电子票据 portal → 200 { receiptNo, official: { kind: "fiscal", … } }; 409 RECEIPT_NUMBER_USED, 409 OFFICIAL_RECEIPT_EXISTS, 409 RECEIPT_VOIDED',
  })
  @ApiOkResponse({ type: ReceiptOfficialView })
  @ApiErrors({ 404: 'RECEIPT_NOT_FOUND', 409: 'OFFICIAL_RECEIPT_EXISTS, RECEIPT_VOIDED', 422: 'INVALID_ATTACHMENT' })
  async fiscal(@Param('receiptNo') receiptNo: string, @Req() req: FastifyRequest, @CurrentStaff() staff: StaffPrincipal): Promise<ReceiptOfficialView> {
    let body: unknown = req.body ?? {};
    let file: Buffer | null = null;
    if (req.isMultipart()) {
      const fields: Record<string, string> = {};
      for await (const part of req.parts()) {
        if (part.type === 'file') {
          if (part.fieldname !== 'file' || file) {
            await part.toBuffer();
            throw new DomainError('VALIDATION_FAILED', '只能上传一个票据文件（字段名 file）');
          }
          file = await part.toBuffer();
          if (part.file.truncated) throw new DomainError('PAYLOAD_TOO_LARGE', '票据文件不能超过 5 MB');
        } else if (typeof part.value === 'string') {
          fields[part.fieldname] = part.value;
        }
      }
      body = fields;
    }
    const dto = (await validation.transform(body, { type: 'body', metatype: AttachFiscalDto })) as AttachFiscalDto;
    const issuedAt = parseTimestamp(dto.issuedAt);
    if (!issuedAt) throw new DomainError('INVALID_DATE', '开票日期须为 ISO-8601 时间，例如 2020-02-03T10:00:00+08:00');
    return this.officials.attachFiscal(
      receiptNo,
      { code: dto.code, number: dto.number, checkCode: dto.checkCode, issuedAt, file: file && file.length > 0 ? file : null },
      staff,
    );
  }

  @Post('receipts/:receiptNo/fiscal/retry')
  @HttpCode(202)
  @Roles('finance')
  @ApiOperation({
    summary: 'Ask the 财政电子票据 platform again for a record whose request is pending or was refused → 202 { status: "queued" }; 409 FISCAL_PLATFORM_OFF',
  })
  @ApiAcceptedResponse({ type: QueuedView })
  @ApiErrors({ 404: 'RECEIPT_NOT_FOUND', 409: 'FISCAL_PLATFORM_OFF' })
  retry(@Param('receiptNo') receiptNo: string, @CurrentStaff() staff: StaffPrincipal): Promise<QueuedView> {
    return this.officials.retryFiscal(receiptNo, staff);
  }

  @Get('receipts/:receiptNo/form')
  @Roles('finance')
  @ApiOperation({
    summary:
      'The record in the field order of the official form (Art. 6: 交款人, 统一社会信用代码, 项目编码, 项目名称, 金额, 开票日期, 备注, 开票单位, 复核人, 收款人) → { receiptNo, status, official, fields: [{ key, label, value }] }, to print onto a paper 票据 or key into the portal',
  })
  @ApiOkResponse({ type: ReceiptFormView })
  @ApiErrors({ 404: 'RECEIPT_NOT_FOUND' })
  form(@Param('receiptNo') receiptNo: string): Promise<ReceiptFormView> {
    return this.officials.form(receiptNo);
  }

  @Get('receipt-declines')
  @Roles('finance')
  @ApiOperation({ summary: 'Donations whose donor said they want no receipt: { items: [{ orderNo, campaignCode, amountFen, declinedAt, withdrawnAt }] }' })
  @ApiOkResponse({ type: ReceiptDeclineListView })
  declines(@Query() query: DeclinesQuery): Promise<ReceiptDeclineListView> {
    return this.officials.declines(query.campaignCode);
  }

  @Get('receipts/:receiptNo/official-file')
  @Roles('finance')
  @ApiOperation({ summary: "The official receipt's file (the platform's PDF or OFD), when there is one" })
  async officialFile(@Param('receiptNo') receiptNo: string, @Res() reply: FastifyReply) {
    const file = await this.officials.file(receiptNo);
    await reply
      .header('Content-Type', file.type)
      .header('Content-Disposition', `attachment; filename="${file.filename}"`)
      .header('Cache-Control', 'no-store')
      .send(file.bytes);
  }
}
