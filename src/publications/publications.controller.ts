import { Controller, Get, HttpCode, Param, Post, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '../common/dto/error.view';
import { DisclosureScheduleView, PublicationListView, PublicationView } from './dto/publication.view';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DomainError } from '../common/errors';
import { Roles } from '../staff/auth/roles.decorator';
import { CurrentStaff, StaffPrincipal } from '../staff/auth/staff-principal';
import { publicBody } from '../totals/totals.service';
import { sendPublic } from '../totals/public-response';
import { DisclosureScheduler } from './disclosure-scheduler.service';
import { PublicationsService } from './publications.service';

const CSV_FILE = /^([0-9a-fA-F-]{36})\.csv$/;

@ApiTags('publications')
@Controller()
export class PublicationsController {
  constructor(
    private readonly publications: PublicationsService,
    private readonly schedule: DisclosureScheduler,
  ) {}

  @Get('api/campaigns/:code/disclosure-schedule')
  @ApiOperation({
    summary: 'When the next publication is due (every disclosureIntervalDays, at most 90; the final account when the campaign ends), and whether it is overdue',
  })
  @ApiOkResponse({ type: DisclosureScheduleView })
  @ApiErrors({ 404: 'CAMPAIGN_NOT_FOUND' })
  disclosureSchedule(@Param('code') code: string): Promise<DisclosureScheduleView> {
    return this.schedule.forCampaign(code);
  }

  @Post('api/staff/campaigns/:code/publications')
  @HttpCode(201)
  @Roles('finance')
  @ApiBearerAuth()
  @ApiOperation({
    summary: 'Freeze a snapshot (捐赠数据公示) → 201 { id, asOf, totals, sha256, ... }',
    description:
      "sha256 is the SHA-256 of the CSV bytes; chainSha256 = sha256(manifest), and the manifest holds the figures, the CSV hash and previousChainSha256 (the previous snapshot's chainSha256).",
  })
  @ApiCreatedResponse({ type: PublicationView })
  @ApiErrors({ 404: 'CAMPAIGN_NOT_FOUND' })
  publish(@Param('code') code: string, @CurrentStaff() staff: StaffPrincipal): Promise<PublicationView> {
    return this.publications.publish(code, staff);
  }

  @Get('api/campaigns/:code/publications')
  @ApiOperation({ summary: 'Published snapshots, newest first, with their hashes and manifests; ETag, max-age=10' })
  @ApiOkResponse({ type: PublicationListView, description: 'ETag, Cache-Control: public, max-age=10' })
  @ApiErrors({ 404: 'CAMPAIGN_NOT_FOUND' })
  async list(@Param('code') code: string, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    sendPublic(request, reply, publicBody<PublicationListView>('', await this.publications.list(code)), 10);
  }

  @Get('api/campaigns/:code/publications/:file')
  @ApiProduces('text/csv')
  @ApiOperation({ summary: 'GET …/publications/:id.csv: the frozen CSV exactly as hashed (immutable)' })
  async csv(@Param('code') code: string, @Param('file') file: string, @Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    const match = CSV_FILE.exec(file);
    if (!match) throw new DomainError('PUBLICATION_NOT_FOUND', '公示不存在');
    const csv = await this.publications.csv(code, match[1].toLowerCase());
    void reply.header('Content-Disposition', `attachment; filename="${csv.filename}"`);
    sendPublic(request, reply, { bytes: csv.bytes, etag: `"${csv.sha256}"` }, 31_536_000, 'text/csv; charset=utf-8');
  }
}
