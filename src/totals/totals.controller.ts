import { Body, Controller, Get, Header, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { Roles } from '../staff/auth/roles.decorator';
import { CurrentStaff, StaffPrincipal } from '../staff/auth/staff-principal';
import { DisbursementsService } from './disbursements.service';
import { CreateDisbursementDto } from './dto/create-disbursement.dto';
import { TotalsService } from './totals.service';

class WallQuery {
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(200) limit?: number;
}

@ApiTags('totals')
@Controller()
export class TotalsController {
  constructor(
    private readonly totals: TotalsService,
    private readonly disbursements: DisbursementsService,
  ) {}

  @Get('api/campaigns/:code/totals')
  @Header('Cache-Control', 'public, max-age=1')
  @ApiOperation({ summary: 'Public totals: paid cash donations and accepted goods only, equal to the ledger' })
  get(@Param('code') code: string) {
    return this.totals.forCampaign(code);
  }

  @Get('api/campaigns/:code/wall')
  @Header('Cache-Control', 'public, max-age=2')
  @ApiOperation({ summary: 'Donor wall: newest first, masked names, only donors who agreed' })
  wall(@Param('code') code: string, @Query() query: WallQuery) {
    return this.totals.wall(code, query.limit ?? 50);
  }

  @Get('api/campaigns/:code/disbursements')
  @Header('Cache-Control', 'public, max-age=30')
  listDisbursements(@Param('code') code: string) {
    return this.disbursements.list(code);
  }

  @Post('api/staff/disbursements')
  @Roles('finance')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Record where money went; counted in disbursedFen' })
  createDisbursement(@Body() dto: CreateDisbursementDto, @CurrentStaff() staff: StaffPrincipal) {
    return this.disbursements.create(dto, staff);
  }
}
