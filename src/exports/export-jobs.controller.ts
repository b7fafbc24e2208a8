import { Body, Controller, Get, HttpCode, Param, Post, Res } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { StartedBackgroundJobView } from '../jobs/dto/job.view';
import { Type } from 'class-transformer';
import { IsIn, IsObject, IsOptional, IsString, MaxLength, ValidateNested } from 'class-validator';
import type { FastifyReply } from 'fastify';
import { Roles } from '../staff/auth/roles.decorator';
import { CurrentStaff, StaffPrincipal } from '../staff/auth/staff-principal';
import { ExportFormat } from './export-file.writer';
import { ExportJobService } from './export-job.service';
import { EXPORT_KINDS, ExportKind } from './export-jobs';
import { attachment } from './exports.controller';

class ExportFilters {
  @ApiPropertyOptional({ description: 'one campaign; all campaigns when left out' }) @IsOptional() @IsString() @MaxLength(63) campaignCode?: string;
  @ApiPropertyOptional({ description: 'donations: pending|paid|failed|refunded; receipts: issued|voided; goods: none' })
  @IsOptional()
  @IsString()
  @MaxLength(20)
  status?: string;
}

class StartExportJobDto {
  @ApiProperty({ enum: EXPORT_KINDS }) @IsIn(EXPORT_KINDS) kind: ExportKind;
  @ApiProperty({ enum: ['csv', 'xlsx'] }) @IsIn(['csv', 'xlsx']) format: ExportFormat;
  @ApiPropertyOptional({ type: ExportFilters }) @IsOptional() @IsObject() @ValidateNested() @Type(() => ExportFilters) filters?: ExportFilters;
}

/** Exports written in the background (for large ledgers, or to leave the page meanwhile), then downloaded. */
@ApiTags('staff: exports')
@ApiBearerAuth()
@Controller('api/staff/export-jobs')
export class ExportJobsController {
  constructor(private readonly jobs: ExportJobService) {}

  @Post()
  @HttpCode(202)
  @Roles('finance', 'warehouse')
  @ApiOperation({
    summary:
      'Write an export in the background → 202 { jobId }: donations and receipts (admin, finance), goods (admin, finance, warehouse); another kind → 403. ' +
      'Follow with GET /api/staff/jobs/:jobId (progress in rows; when done, file: { url, filename, rows, bytes, expiresAt }). Files are deleted after EXPORT_RETENTION_DAYS (default 7)',
  })
  @ApiAcceptedResponse({ type: StartedBackgroundJobView })
  start(@Body() dto: StartExportJobDto, @CurrentStaff() staff: StaffPrincipal): Promise<StartedBackgroundJobView> {
    return this.jobs.start({ kind: dto.kind, format: dto.format, campaignCode: dto.filters?.campaignCode, status: dto.filters?.status }, staff);
  }

  @Get(':jobId/file')
  @Roles('finance', 'warehouse')
  @ApiOperation({
    summary:
      'Download the file an export job wrote (roles that may export its kind, and auditors); audited. 409 EXPORT_NOT_READY before it is written, 410 EXPORT_EXPIRED once deleted',
  })
  async file(@Param('jobId') jobId: string, @CurrentStaff() staff: StaffPrincipal, @Res() reply: FastifyReply) {
    const file = await this.jobs.download(jobId, staff);
    return attachment(reply, file.contentType, file.filename).send(file.bytes);
  }
}
