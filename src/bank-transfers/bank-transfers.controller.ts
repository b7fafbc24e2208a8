import { Body, Controller, HttpCode, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { DomainError } from '../common/errors';
import { parseTimestamp } from '../common/text';
import { Roles } from '../staff/auth/roles.decorator';
import { CurrentStaff, StaffPrincipal } from '../staff/auth/staff-principal';
import { BankTransferImportService } from './bank-transfer-import.service';
import { BankTransfersService } from './bank-transfers.service';
import { RecordBankTransferDto } from './dto/record-bank-transfer.dto';

const STATEMENT_MAX_BYTES = 20 * 1024 * 1024;

@ApiTags('staff: bank transfers')
@ApiBearerAuth()
@Controller('api/staff/bank-transfers')
export class BankTransfersController {
  constructor(
    private readonly transfers: BankTransfersService,
    private readonly importer: BankTransferImportService,
  ) {}

  @Post()
  @HttpCode(201)
  @Roles('finance')
  @ApiOperation({ summary: 'Record one bank transfer as a paid donation → 201 { orderNo, status: "paid", ... }; a recorded bankReference → 409 DUPLICATE_BANK_REFERENCE' })
  record(@Body() dto: RecordBankTransferDto, @CurrentStaff() staff: StaffPrincipal) {
    return this.transfers.record(
      dto.campaignCode,
      { bankReference: dto.bankReference, amountFen: dto.amountFen, payerName: dto.payerName, receivedAt: parseTimestamp(dto.receivedAt) ?? new Date(Number.NaN), payerAccount: dto.payerAccount ?? null },
      staff,
    );
  }

  @Post('import')
  @HttpCode(200)
  @Roles('finance')
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    description: 'field `campaignCode`, field `file`: CSV with header bankReference,amountYuan,payerName,receivedAt,payerAccount (or the same columns in an XLSX); local times are Beijing time',
    schema: { type: 'object', required: ['campaignCode', 'file'], properties: { campaignCode: { type: 'string' }, file: { type: 'string', format: 'binary' } } },
  })
  @ApiOperation({ summary: 'Import a bank statement → 200 { imported, duplicates, errors: [ { line, code, message } ] }; the same file twice imports nothing new' })
  async import(@Req() req: FastifyRequest, @CurrentStaff() staff: StaffPrincipal) {
    if (!req.isMultipart()) throw new DomainError('UNSUPPORTED_MEDIA_TYPE', '请以 multipart/form-data 上传（字段 campaignCode 与 file）');
    let campaignCode: string | undefined;
    let file: { bytes: Buffer; filename: string } | undefined;
    for await (const part of req.parts({ limits: { fileSize: STATEMENT_MAX_BYTES, files: 1 } })) {
      if (part.type === 'file') {
        if (part.fieldname !== 'file' || file) {
          await part.toBuffer();
          throw new DomainError('VALIDATION_FAILED', '只能上传一个文件（字段名 file）');
        }
        file = { bytes: await part.toBuffer(), filename: part.filename };
      } else if (part.fieldname === 'campaignCode' && typeof part.value === 'string') {
        campaignCode = part.value.trim();
      }
    }
    if (!campaignCode) throw new DomainError('VALIDATION_FAILED', '缺少字段 campaignCode');
    if (!file || file.bytes.length === 0) throw new DomainError('VALIDATION_FAILED', '缺少银行流水文件（字段 file）');
    return this.importer.import(campaignCode, file, staff);
  }
}
