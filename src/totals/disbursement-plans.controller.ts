import { Body, Controller, Get, HttpCode, Param, ParseIntPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../staff/auth/roles.decorator';
import { CurrentStaff, StaffPrincipal } from '../staff/auth/staff-principal';
import { DisbursementPlansService } from './disbursement-plans.service';
import { CreateDisbursementPlanDto, PayPlanLineDto } from './dto/disbursement-plan.dto';

@ApiTags('totals')
@Controller()
export class DisbursementPlansController {
  constructor(private readonly plans: DisbursementPlansService) {}

  @Post('api/staff/disbursement-plans')
  @Roles('finance')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Import a disbursement plan (CSV of recipient units, amounts, purposes); 422 INVALID_PLAN, PLAN_TOTAL_MISMATCH, FUND_NOT_FOUND' })
  create(@Body() dto: CreateDisbursementPlanDto, @CurrentStaff() staff: StaffPrincipal) {
    return this.plans.create(dto, staff);
  }

  @Get('api/staff/disbursement-plans/:id')
  @Roles('finance', 'auditor')
  @ApiBearerAuth()
  get(@Param('id') id: string) {
    return this.plans.get(id);
  }

  @Post('api/staff/disbursement-plans/:id/approve')
  @Roles('admin')
  @HttpCode(200)
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Approve a plan (admin, audited); 409 PLAN_ALREADY_APPROVED' })
  approve(@Param('id') id: string, @CurrentStaff() staff: StaffPrincipal) {
    return this.plans.approve(id, staff);
  }

  @Post('api/staff/disbursement-plans/:id/lines/:lineNo/pay')
  @Roles('finance')
  @ApiBearerAuth()
  @ApiOperation({
    summary:
      'Pay one line: a disbursement to its recipient (attach the proof at /api/staff/disbursements/:id/attachment); 409 PLAN_NOT_APPROVED, PLAN_LINE_PAID',
  })
  pay(@Param('id') id: string, @Param('lineNo', ParseIntPipe) lineNo: number, @Body() dto: PayPlanLineDto, @CurrentStaff() staff: StaffPrincipal) {
    return this.plans.payLine(id, lineNo, dto, staff);
  }

  @Get('api/campaigns/:code/disbursement-plans')
  @ApiOperation({ summary: 'Approved plans with every recipient unit and what it got (逐级公布)' })
  listPublic(@Param('code') code: string) {
    return this.plans.listPublic(code);
  }
}
