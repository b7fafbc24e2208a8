import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import type { FastifyReply } from 'fastify';
import { Roles } from '../staff/auth/roles.decorator';
import { CurrentStaff, StaffPrincipal } from '../staff/auth/staff-principal';
import { CONTENT_TYPES, ExportFormat } from './export-file.writer';
import { ExportKind, ExportsService } from './exports.service';

class DonationExportQuery {
  @ApiPropertyOptional({ description: 'one campaign; all campaigns when left out' }) @IsOptional() @IsString() @MaxLength(63) campaignCode?: string;
  @ApiPropertyOptional({ enum: ['pending', 'paid', 'failed', 'refunded'] }) @IsOptional() @IsIn(['pending', 'paid', 'failed', 'refunded']) status?: string;
}

class ReceiptExportQuery {
  @ApiPropertyOptional({ description: 'one campaign; all campaigns when left out' }) @IsOptional() @IsString() @MaxLength(63) campaignCode?: string;
  @ApiPropertyOptional({ enum: ['issued', 'voided'] }) @IsOptional() @IsIn(['issued', 'voided']) status?: string;
}

/** Headers of a file download: its type, a name the browser saves it under (UTF-8 aware), never cached. */
export function attachment(reply: FastifyReply, contentType: string, filename: string): FastifyReply {
  return reply
    .header('Content-Type', contentType)
    .header('Content-Disposition', `attachment; filename="${filename}"; filename*=UTF-8''${encodeURIComponent(filename)}`)
    .header('Cache-Control', 'no-store');
}

class GoodsExportQuery {
  @ApiPropertyOptional({ description: 'one campaign; all campaigns when left out' }) @IsOptional() @IsString() @MaxLength(63) campaignCode?: string;
}

const NOTE =
  'masked names and phones; money as yuan text with two decimals and as integer fen; text that a spreadsheet would run as a formula starts with an apostrophe; audited';

/** Direct downloads: the donation ledger and the receipts (finance, auditors), the goods ledger (also warehouse), as CSV or XLSX. */
@ApiTags('staff: exports')
@ApiBearerAuth()
@Controller('api/staff/exports')
export class ExportsController {
  constructor(private readonly exports: ExportsService) {}

  @Get('donations.csv')
  @Roles('finance')
  @ApiProduces(CONTENT_TYPES.csv)
  @ApiOperation({ summary: `Donations as CSV (UTF-8 with BOM, RFC 4180): ${NOTE}` })
  donationsCsv(@Query() q: DonationExportQuery, @CurrentStaff() staff: StaffPrincipal, @Res() reply: FastifyReply) {
    return this.send('donations', 'csv', q, staff, reply);
  }

  @Get('donations.xlsx')
  @Roles('finance')
  @ApiProduces(CONTENT_TYPES.xlsx)
  @ApiOperation({ summary: `Donations as XLSX: ${NOTE}` })
  donationsXlsx(@Query() q: DonationExportQuery, @CurrentStaff() staff: StaffPrincipal, @Res() reply: FastifyReply) {
    return this.send('donations', 'xlsx', q, staff, reply);
  }

  @Get('receipts.csv')
  @Roles('finance')
  @ApiProduces(CONTENT_TYPES.csv)
  @ApiOperation({ summary: `Receipts (issued and voided) as CSV (UTF-8 with BOM, RFC 4180): ${NOTE}` })
  receiptsCsv(@Query() q: ReceiptExportQuery, @CurrentStaff() staff: StaffPrincipal, @Res() reply: FastifyReply) {
    return this.send('receipts', 'csv', q, staff, reply);
  }

  @Get('receipts.xlsx')
  @Roles('finance')
  @ApiProduces(CONTENT_TYPES.xlsx)
  @ApiOperation({ summary: `Receipts (issued and voided) as XLSX: ${NOTE}` })
  receiptsXlsx(@Query() q: ReceiptExportQuery, @CurrentStaff() staff: StaffPrincipal, @Res() reply: FastifyReply) {
    return this.send('receipts', 'xlsx', q, staff, reply);
  }

  @Get('goods.csv')
  @Roles('finance', 'warehouse')
  @ApiProduces(CONTENT_TYPES.csv)
  @ApiOperation({ summary: `The goods ledger (pledged lines, inspections, stock movements incl. distributions) as CSV: ${NOTE}` })
  goodsCsv(@Query() q: GoodsExportQuery, @CurrentStaff() staff: StaffPrincipal, @Res() reply: FastifyReply) {
    return this.send('goods', 'csv', q, staff, reply);
  }

  @Get('goods.xlsx')
  @Roles('finance', 'warehouse')
  @ApiProduces(CONTENT_TYPES.xlsx)
  @ApiOperation({ summary: `The goods ledger (pledged lines, inspections, stock movements incl. distributions) as XLSX: ${NOTE}` })
  goodsXlsx(@Query() q: GoodsExportQuery, @CurrentStaff() staff: StaffPrincipal, @Res() reply: FastifyReply) {
    return this.send('goods', 'xlsx', q, staff, reply);
  }

  private async send(kind: ExportKind, format: ExportFormat, q: { campaignCode?: string; status?: string }, staff: StaffPrincipal, reply: FastifyReply) {
    const { filename, body } = await this.exports.open({ kind, format, campaignCode: q.campaignCode, status: q.status }, staff);
    return attachment(reply, CONTENT_TYPES[format], filename).send(body);
  }
}
