import { Body, Controller, Get, HttpCode, Post, Req, Res } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBearerAuth,
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import { ApiErrors } from '../common/dto/error.view';
import { ImportResultView, RecordedTransferView } from './dto/bank-transfer.view';
import { StartedBackgroundJobView } from '../jobs/dto/job.view';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { parseTimestamp } from '../common/text';
import { Roles } from '../staff/auth/roles.decorator';
import { CurrentStaff, StaffPrincipal } from '../staff/auth/staff-principal';
import { BankImportJobService } from './bank-import-job.service';
import { BankTransferImportService } from './bank-transfer-import.service';
import { BankTransfersService } from './bank-transfers.service';
import { RecordBankTransferDto } from './dto/record-bank-transfer.dto';
import { statementTemplateCsv, statementTemplateXlsx, TEMPLATE_FILENAME } from './statement-template';
import { readStatementUpload } from './statement-upload';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const STATEMENT_FORM = {
  description:
    'field `campaignCode`, field `file`: a CSV (UTF-8 or GBK) or XLSX: the template (交易流水号,交易日期,对方户名,对方账号,贷方发生额,基金代码), ' +
    'the header bankReference,amountYuan,payerName,receivedAt,payerAccount, or an export of 工商银行, 中国银行, 建设银行 or 农业银行 as the bank gives it ' +
    '(account and period rows above the header, summary rows below, debit rows skipped); optional field `mappingId`: a saved column mapping for any other layout. ' +
    'Local times are Beijing time. A file without the needed columns → 422 STATEMENT_COLUMNS_MISSING (details: missing, headers); unknown mappingId → 404 STATEMENT_MAPPING_NOT_FOUND',
  schema: {
    type: 'object',
    required: ['campaignCode', 'file'],
    properties: { campaignCode: { type: 'string' }, mappingId: { type: 'string', format: 'uuid' }, file: { type: 'string', format: 'binary' } },
  },
};
const RESULT =
  '{ imported, duplicates, skipped (debit and summary rows), layout: { code, name }, errors: [ { line, code, message } ] } (messages in Chinese, naming the row and column)';

@ApiTags('staff: bank transfers')
@ApiBearerAuth()
@Controller('api/staff/bank-transfers')
export class BankTransfersController {
  constructor(
    private readonly transfers: BankTransfersService,
    private readonly importer: BankTransferImportService,
    private readonly importJobs: BankImportJobService,
  ) {}

  @Post()
  @HttpCode(201)
  @Roles('finance')
  @ApiOperation({
    summary: 'Record one bank transfer as a paid donation → 201 { orderNo, status: "paid", ... }; a recorded bankReference → 409 DUPLICATE_BANK_REFERENCE',
  })
  @ApiCreatedResponse({ type: RecordedTransferView })
  @ApiErrors({ 404: 'CAMPAIGN_NOT_FOUND', 409: 'DUPLICATE_BANK_REFERENCE', 422: 'INVALID_AMOUNT, FUND_NOT_FOUND, INVALID_DATE' })
  record(@Body() dto: RecordBankTransferDto, @CurrentStaff() staff: StaffPrincipal): Promise<RecordedTransferView> {
    return this.transfers.record(
      dto.campaignCode,
      {
        bankReference: dto.bankReference,
        amountFen: dto.amountFen,
        payerName: dto.payerName,
        receivedAt: parseTimestamp(dto.receivedAt) ?? new Date(Number.NaN),
        payerAccount: dto.payerAccount ?? null,
        fundCode: dto.fundCode ?? null,
      },
      staff,
    );
  }

  @Post('import')
  @HttpCode(200)
  @Roles('finance')
  @ApiConsumes('multipart/form-data')
  @ApiBody(STATEMENT_FORM)
  @ApiOperation({
    summary: `Import a bank statement → 200 ${RESULT}; the same file twice imports nothing new`,
  })
  @ApiOkResponse({ type: ImportResultView })
  @ApiErrors({ 404: 'CAMPAIGN_NOT_FOUND, STATEMENT_MAPPING_NOT_FOUND', 413: 'STATEMENT_TOO_LARGE', 422: 'INVALID_STATEMENT, STATEMENT_COLUMNS_MISSING' })
  async import(@Req() req: FastifyRequest, @CurrentStaff() staff: StaffPrincipal): Promise<ImportResultView> {
    return this.importer.importUpload(await readStatementUpload(req), staff);
  }

  @Get('statement-template.csv')
  @Roles('finance')
  @ApiProduces('text/csv')
  @ApiOperation({
    summary: 'The statement template as CSV (UTF-8 with BOM): the canonical Chinese headers 交易流水号,交易日期,对方户名,对方账号,贷方发生额,基金代码',
  })
  templateCsv(@Res() reply: FastifyReply) {
    return download(reply, 'text/csv; charset=utf-8', `${TEMPLATE_FILENAME}.csv`).send(statementTemplateCsv());
  }

  @Get('statement-template.xlsx')
  @Roles('finance')
  @ApiProduces(XLSX_TYPE)
  @ApiOperation({ summary: 'The statement template as XLSX: the same headers (text columns), and a sheet 填写说明 explaining each' })
  async templateXlsx(@Res() reply: FastifyReply) {
    return download(reply, XLSX_TYPE, `${TEMPLATE_FILENAME}.xlsx`).send(await statementTemplateXlsx());
  }

  @Post('import-jobs')
  @HttpCode(202)
  @Roles('finance')
  @ApiConsumes('multipart/form-data')
  @ApiBody(STATEMENT_FORM)
  @ApiOperation({
    summary: `Import a bank statement in the background → 202 { jobId }; follow it with GET /api/staff/jobs/:jobId (progress { done, total } in lines, then result ${RESULT}). Unknown campaign → 404 CAMPAIGN_NOT_FOUND`,
  })
  @ApiAcceptedResponse({ type: StartedBackgroundJobView })
  @ApiErrors({ 404: 'CAMPAIGN_NOT_FOUND, STATEMENT_MAPPING_NOT_FOUND', 413: 'STATEMENT_TOO_LARGE' })
  async importJob(@Req() req: FastifyRequest, @CurrentStaff() staff: StaffPrincipal): Promise<StartedBackgroundJobView> {
    return this.importJobs.start(await readStatementUpload(req), staff);
  }
}

function download(reply: FastifyReply, contentType: string, filename: string): FastifyReply {
  return reply
    .header('Content-Type', contentType)
    .header('Content-Disposition', `attachment; filename="template.${filename.split('.').pop()}"; filename*=UTF-8''${encodeURIComponent(filename)}`)
    .header('Cache-Control', 'no-store');
}
