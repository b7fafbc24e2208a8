import { Body, Controller, Get, Header, HttpCode, Param, Patch, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '../common/dto/error.view';
import { CampaignListView, CampaignView } from './dto/campaign.view';
import type { FastifyReply } from 'fastify';
import { Roles } from '../staff/auth/roles.decorator';
import { CurrentStaff, StaffPrincipal } from '../staff/auth/staff-principal';
import { CampaignChangesService } from './campaign-changes.service';
import { CampaignsService } from './campaigns.service';
import { CampaignFundDto } from './dto/campaign-disclosure.dto';
import { RenameCampaignFundDto } from './dto/campaign-fund-change.dto';
import { CreateCampaignDto } from './dto/create-campaign.dto';
import { UpdateCampaignDto } from './dto/update-campaign.dto';

@ApiTags('campaigns')
@Controller()
export class CampaignsController {
  constructor(
    private readonly campaigns: CampaignsService,
    private readonly changes: CampaignChangesService,
  ) {}

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
    summary:
      'Change a campaign (admin, audited with the changed fields): title, goal, dates, receipt settings, disclosure ({ disclosure } replaces it, null clears it); 422 INVALID_CREDIT_CODE, INVALID_CAMPAIGN_DATES, 404 CAMPAIGN_NOT_FOUND',
  })
  @ApiOkResponse({ type: CampaignView })
  @ApiErrors({ 404: 'CAMPAIGN_NOT_FOUND', 422: 'INVALID_CREDIT_CODE' })
  update(@Param('code') code: string, @Body() dto: UpdateCampaignDto, @CurrentStaff() staff: StaffPrincipal): Promise<CampaignView> {
    return this.campaigns.update(code, dto, staff);
  }

  @Post('api/staff/campaigns/:code/close')
  @HttpCode(200)
  @Roles('admin')
  @ApiBearerAuth()
  @ApiOperation({
    summary: 'End a campaign now (admin, audited campaign.close): no new gifts from then on; an ended one is returned as it is; 404 CAMPAIGN_NOT_FOUND',
  })
  @ApiOkResponse({ type: CampaignView })
  @ApiErrors({ 404: 'CAMPAIGN_NOT_FOUND' })
  close(@Param('code') code: string, @CurrentStaff() staff: StaffPrincipal): Promise<CampaignView> {
    return this.changes.close(code, staff);
  }

  @Post('api/staff/campaigns/:code/funds')
  @Roles('admin')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Add a designated fund after the last one (admin, audited); 409 FUND_EXISTS when its code is taken in the campaign' })
  @ApiCreatedResponse({ type: CampaignView })
  @ApiErrors({ 404: 'CAMPAIGN_NOT_FOUND', 409: 'FUND_EXISTS' })
  addFund(@Param('code') code: string, @Body() dto: CampaignFundDto, @CurrentStaff() staff: StaffPrincipal): Promise<CampaignView> {
    return this.changes.add(code, dto, staff);
  }

  @Patch('api/staff/campaigns/:code/funds/:fundCode')
  @Roles('admin')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Rename a designated fund (admin, audited); its code stays; 422 FUND_NOT_FOUND' })
  @ApiOkResponse({ type: CampaignView })
  @ApiErrors({ 404: 'CAMPAIGN_NOT_FOUND', 422: 'FUND_NOT_FOUND' })
  renameFund(
    @Param('code') code: string,
    @Param('fundCode') fundCode: string,
    @Body() dto: RenameCampaignFundDto,
    @CurrentStaff() staff: StaffPrincipal,
  ): Promise<CampaignView> {
    return this.changes.rename(code, fundCode, dto, staff);
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
