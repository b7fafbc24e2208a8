import { Body, Controller, HttpCode, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { parseTimestamp } from '../common/text';
import { Roles } from '../staff/auth/roles.decorator';
import { CurrentStaff, StaffPrincipal } from '../staff/auth/staff-principal';
import { BankImportJobService } from './bank-import-job.service';
import { BankTransferImportService } from './bank-transfer-import.service';
import { BankTransfersService } from './bank-transfers.service';
import { RecordBankTransferDto } from './dto/record-bank-transfer.dto';
import { readStatementUpload } from './statement-upload';

const STATEMENT_FORM = {
  description:
    'field `campaignCode`, field `file`: CSV with header bankReference,amountYuan,payerName,receivedAt,payerAccount (or the same columns in an XLSX); local times are Beijing time',
  schema: { type: 'object', required: ['campaignCode', 'file'], properties: { campaignCode: { type: 'string' }, file: { type: 'string', format: 'binary' } } },
};

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
  record(@Body() dto: RecordBankTransferDto, @CurrentStaff() staff: StaffPrincipal) {
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
    summary: 'Import a bank statement → 200 { imported, duplicates, errors: [ { line, code, message } ] }; the same file twice imports nothing new',
  })
  async import(@Req() req: FastifyRequest, @CurrentStaff() staff: StaffPrincipal) {
    const upload = await readStatementUpload(req);
    return this.importer.import(upload.campaignCode, upload.file, staff);
  }

  @Post('import-jobs')
  @HttpCode(202)
  @Roles('finance')
  @ApiConsumes('multipart/form-data')
  @ApiBody(STATEMENT_FORM)
  @ApiOperation({
    summary:
      'Import a bank statement in the background → 202 { jobId }; follow it with GET /api/staff/jobs/:jobId (progress { done, total } in lines, then result { imported, duplicates, errors }). Unknown campaign → 404 CAMPAIGN_NOT_FOUND',
  })
  async importJob(@Req() req: FastifyRequest, @CurrentStaff() staff: StaffPrincipal) {
    return this.importJobs.start(await readStatementUpload(req), staff);
  }
}
