import { Body, Controller, Get, Headers, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../staff/auth/roles.decorator';
import { CurrentStaff, StaffPrincipal } from '../staff/auth/staff-principal';
import { CreateInKindDonationDto } from './dto/create-in-kind-donation.dto';
import { PledgeListQuery } from './dto/in-kind-queries.dto';
import { InspectInKindDonationDto } from './dto/inspect-in-kind-donation.dto';
import { checkIdempotencyKey } from './in-kind-input';
import { InKindDonationsService } from './in-kind-donations.service';

@ApiTags('staff: in-kind')
@ApiBearerAuth()
@Controller('api/staff/in-kind-donations')
export class InKindDonationsController {
  constructor(private readonly donations: InKindDonationsService) {}

  @Post()
  @HttpCode(201)
  @Roles('warehouse')
  @ApiOperation({ summary: 'Pledge goods → 201 { id, status: "pledged", ... }; counted nowhere until inspected. valuationFen is the declared value of the whole line' })
  pledge(@Body() dto: CreateInKindDonationDto, @CurrentStaff() staff: StaffPrincipal) {
    return this.donations.pledge(dto, staff);
  }

  @Get()
  @Roles('warehouse', 'finance')
  @ApiOperation({ summary: 'Pledges of a campaign, newest first, with what is outstanding' })
  list(@Query() query: PledgeListQuery) {
    return this.donations.list(query.campaignCode, query.status, query.limit ?? 100);
  }

  @Get(':id')
  @Roles('warehouse', 'finance')
  @ApiOperation({ summary: 'One pledge: lines with accepted, rejected and outstanding quantities, inspections, receipt eligibility' })
  get(@Param('id') id: string) {
    return this.donations.get(id);
  }

  @Post(':id/inspections')
  @HttpCode(200)
  @Roles('warehouse')
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'the same key and body answer as the first time; another body → 409 IDEMPOTENCY_KEY_REUSED' })
  @ApiOperation({
    summary:
      'Inspect an arrival → 200 { status: "received", ... }; only accepted goods enter stock and totals. Partial arrivals add up. ' +
      'accepted+rejected over the pledged quantity → 422 INSPECTION_EXCEEDS_PLEDGE; over what is still outstanding (a repeat) → 409 ALREADY_INSPECTED',
  })
  inspect(@Param('id') id: string, @Body() dto: InspectInKindDonationDto, @Headers('idempotency-key') key: string | undefined, @CurrentStaff() staff: StaffPrincipal) {
    return this.donations.inspect(id, dto, checkIdempotencyKey(key), staff);
  }
}
