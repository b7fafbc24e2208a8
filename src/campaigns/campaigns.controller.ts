import { Body, Controller, Get, Header, Param, Patch, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '../common/dto/error.view';
import { CampaignListView, CampaignView } from './dto/campaign.view';
import type { FastifyReply } from 'fastify';
import { Roles } from '../staff/auth/roles.decorator';
import { CurrentStaff, StaffPrincipal } from '../staff/auth/staff-principal';
import { CampaignsService } from './campaigns.service';
import { CreateCampaignDto } from './dto/create-campaign.dto';
import { UpdateCampaignDto } from './dto/update-campaign.dto';

@ApiTags('campaigns')
@Controller()
export class CampaignsController {
  constructor(private readonly campaigns: CampaignsService) {}

  @Post('api/staff/campaigns')
  @Roles('admin')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Create a campaign (admin); 409 CAMPAIGN_EXISTS when the code is taken' })
  @ApiCreatedResponse({ type: CampaignView })
  @ApiErrors({ 409: 'CAMPAIGN_EXISTS', 422: 'INVALID_CAMPAIGN_DATES, INVALID_CREDIT_CODE' })
  create(@Body() dto: CreateCampaignDto, @CurrentStaff() staff: StaffPrincipal): Promise<CampaignView> {
    return this.campaigns.create(dto, staff);
  }

  @Patch('api/staff/campaigns/:code')
  @Roles('admin')
  @ApiBearerAuth()
  @ApiOperation({
    summary: 'Change what a campaign discloses (admin, audited): { disclosure } replaces it, null clears it; 422 INVALID_CREDIT_CODE, 404 CAMPAIGN_NOT_FOUND',
  })
  @ApiOkResponse({ type: CampaignView })
  @ApiErrors({ 404: 'CAMPAIGN_NOT_FOUND', 422: 'INVALID_CREDIT_CODE' })
  update(@Param('code') code: string, @Body() dto: UpdateCampaignDto, @CurrentStaff() staff: StaffPrincipal): Promise<CampaignView> {
    return this.campaigns.update(code, dto, staff);
  }

  @Get('api/staff/campaigns')
  @Roles('finance', 'warehouse')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Every campaign, for the console' })
  @ApiOkResponse({ type: CampaignListView })
  list(): Promise<CampaignListView> {
    return this.campaigns.list();
  }

  @Get('api/campaigns/:code')
  @Header('Cache-Control', 'public, max-age=30')
  @ApiOperation({ summary: 'A campaign: what its pages show (Cache-Control: public, max-age=30)' })
  @ApiOkResponse({ type: CampaignView })
  @ApiErrors({ 404: 'CAMPAIGN_NOT_FOUND' })
  get(@Param('code') code: string): Promise<CampaignView> {
    return this.campaigns.get(code);
  }

  @Get('api/campaigns/:code/qr.png')
  @ApiProduces('image/png')
  @ApiOperation({ summary: 'QR code of PUBLIC_BASE_URL/donate/:code' })
  async qrPng(@Param('code') code: string, @Res() reply: FastifyReply) {
    const png = await this.campaigns.qrCode(code, 'png');
    void reply.header('Content-Type', 'image/png').header('Cache-Control', 'public, max-age=3600').send(png);
  }

  @Get('api/campaigns/:code/qr.svg')
  @ApiProduces('image/svg+xml')
  async qrSvg(@Param('code') code: string, @Res() reply: FastifyReply) {
    const svg = await this.campaigns.qrCode(code, 'svg');
    void reply.header('Content-Type', 'image/svg+xml; charset=utf-8').header('Cache-Control', 'public, max-age=3600').send(svg);
  }
}
