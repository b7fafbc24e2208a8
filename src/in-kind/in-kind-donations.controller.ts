import { Body, Controller, Get, Headers, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '../common/dto/error.view';
import { InspectedPledgeView, PledgeListView, PledgeView } from './dto/in-kind.view';
import { Roles } from '../staff/auth/roles.decorator';
import { CurrentStaff, StaffPrincipal } from '../staff/auth/staff-principal';
import { CreateInKindDonationDto } from './dto/create-in-kind-donation.dto';
import { PledgeListQuery } from './dto/in-kind-queries.dto';
import { InspectInKindDonationDto } from './dto/inspect-in-kind-donation.dto';
import { checkIdempotencyKey } from './in-kind-input';
import { InKindDonationsService } from './in-kind-donations.service';
import { PledgeChangesService } from './pledge-changes.service';
import { CancelInKindDonationDto, UpdateInKindDonationDto } from './dto/update-in-kind-donation.dto';

@ApiTags('staff: in-kind')
@ApiBearerAuth()
@Controller('api/staff/in-kind-donations')
export class InKindDonationsController {
  constructor(
    private readonly donations: InKindDonationsService,
    private readonly changes: PledgeChangesService,
  ) {}

  @Post()
  @HttpCode(201)
  @Roles('warehouse')
  @ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    description: 'the same key and body answer with the same pledge (same id, nothing new written); another body → 409 IDEMPOTENCY_KEY_REUSED',
  })
  @ApiOperation({
    summary: 'Pledge goods → 201 { id, status: "pledged", ... }; counted nowhere until inspected. valuationFen is the declared value of the whole line',
  })
  @ApiCreatedResponse({ type: PledgeView })
  @ApiErrors({ 404: 'CAMPAIGN_NOT_FOUND', 409: 'IDEMPOTENCY_KEY_REUSED', 422: 'UNKNOWN_ITEM, DUPLICATE_ITEM, INVALID_QUANTITY' })
  pledge(
    @Body() dto: CreateInKindDonationDto,
    @Headers('idempotency-key') key: string | undefined,
    @CurrentStaff() staff: StaffPrincipal,
  ): Promise<PledgeView> {
    return this.donations.pledge(dto, checkIdempotencyKey(key), staff);
  }

  @Get()
  @Roles('warehouse', 'finance')
  @ApiOperation({
    summary: 'Pledges of a campaign, newest first, each with its status and what is outstanding per line and in all; filter by status or outstanding=true',
  })
  @ApiOkResponse({ type: PledgeListView })
  list(@Query() query: PledgeListQuery): Promise<PledgeListView> {
    const outstanding = query.outstanding === undefined ? undefined : query.outstanding === 'true';
    return this.donations.list(query.campaignCode, { status: query.status, outstanding }, query.limit ?? 100);
  }

  @Get(':id')
  @Roles('warehouse', 'finance')
  @ApiOperation({ summary: 'One pledge: lines with accepted, rejected and outstanding quantities, inspections, receipt eligibility' })
  @ApiOkResponse({ type: PledgeView })
  @ApiErrors({ 404: 'IN_KIND_DONATION_NOT_FOUND' })
  get(@Param('id') id: string): Promise<PledgeView> {
    return this.donations.get(id);
  }

  @Patch(':id')
  @HttpCode(200)
  @Roles('warehouse')
  @ApiOperation({
    summary:
      'Edit lines still outstanding (quantity, spec, batch, expiry, valuation) → 200 the pledge; audited. ' +
      'Quantity below what was inspected → 422 QUANTITY_BELOW_INSPECTED; a line fully inspected → 409 NOTHING_OUTSTANDING; a cancelled pledge → 409 PLEDGE_CANCELLED; ' +
      'quantity or value of accepted goods once a receipt was asked for → 409 RECEIPT_ALREADY_REQUESTED',
  })
  @ApiOkResponse({ type: PledgeView })
  @ApiErrors({ 404: 'IN_KIND_DONATION_NOT_FOUND', 409: 'PLEDGE_CANCELLED', 422: 'QUANTITY_BELOW_INSPECTED, UNKNOWN_ITEM' })
  edit(@Param('id') id: string, @Body() dto: UpdateInKindDonationDto, @CurrentStaff() staff: StaffPrincipal): Promise<PledgeView> {
    return this.changes.edit(id, dto, staff);
  }

  @Post(':id/cancel')
  @HttpCode(200)
  @Roles('warehouse')
  @ApiOperation({
    summary:
      'Cancel the outstanding remainder with a reason → 200 the pledge; audited. Nothing received yet: status "cancelled"; ' +
      'partly received: stays "received" with nothing outstanding (accepted goods stay in stock). Already cancelled → 409 PLEDGE_CANCELLED; nothing outstanding → 409 NOTHING_OUTSTANDING',
  })
  @ApiOkResponse({ type: PledgeView })
  @ApiErrors({ 404: 'IN_KIND_DONATION_NOT_FOUND', 409: 'PLEDGE_CANCELLED, NOTHING_OUTSTANDING' })
  cancel(@Param('id') id: string, @Body() dto: CancelInKindDonationDto, @CurrentStaff() staff: StaffPrincipal): Promise<PledgeView> {
    return this.changes.cancel(id, dto, staff);
  }

  @Post(':id/inspections')
  @HttpCode(200)
  @Roles('warehouse')
  @ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    description: 'the same key and body answer as the first time; another body → 409 IDEMPOTENCY_KEY_REUSED',
  })
  @ApiOperation({
    summary:
      'Inspect an arrival → 200 { status: "received", ... }; only accepted goods enter stock and totals. Partial arrivals add up. ' +
      'accepted+rejected over the pledged quantity → 422 INSPECTION_EXCEEDS_PLEDGE; over what is still outstanding (a repeat) → 409 ALREADY_INSPECTED; a cancelled pledge → 409 PLEDGE_CANCELLED',
  })
  @ApiOkResponse({ type: InspectedPledgeView })
  @ApiErrors({
    404: 'IN_KIND_DONATION_NOT_FOUND',
    409: 'ALREADY_INSPECTED, PLEDGE_CANCELLED, IDEMPOTENCY_KEY_REUSED',
    422: 'INSPECTION_EXCEEDS_PLEDGE, ITEM_NOT_PLEDGED',
  })
  inspect(
    @Param('id') id: string,
    @Body() dto: InspectInKindDonationDto,
    @Headers('idempotency-key') key: string | undefined,
    @CurrentStaff() staff: StaffPrincipal,
  ): Promise<InspectedPledgeView> {
    return this.donations.inspect(id, dto, checkIdempotencyKey(key), staff);
  }
}
