import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '../common/dto/error.view';
import { AlipayReconcileView, ReconciliationDifferenceListView, ReconciliationDifferenceView, WechatReconcileView } from './dto/reconciliation.view';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min, MinLength } from 'class-validator';
import { CurrentStaff, StaffPrincipal } from '../staff/auth/staff-principal';
import { Roles } from '../staff/auth/roles.decorator';
import { AlipayReconcilerService } from './alipay/alipay-reconciler.service';
import { ReconciliationDifferencesService } from './reconciliation/reconciliation-differences.service';
import { WechatPayReconcilerService } from './wechatpay/wechatpay-reconciler.service';

class WechatReconcileDto {
  @ApiPropertyOptional({ description: 'the trade bill to compare (YYYY-MM-DD, Beijing); default yesterday' })
  @IsOptional()
  @IsString()
  @Matches(/^\d{4}-\d{2}-\d{2}$/)
  billDate?: string;
}

class DifferenceQuery {
  @IsOptional() @IsIn(['open', 'resolved']) status?: 'open' | 'resolved';
  @IsOptional() @IsIn(['wechatpay', 'alipay']) provider?: string;
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(500) limit?: number;
}

class ResolveDifferenceDto {
  @ApiProperty({ description: 'how it was handled (kept in the audit log)', minLength: 1, maxLength: 500 })
  @IsString()
  @MinLength(1)
  @MaxLength(500)
  note: string;
}

@ApiTags('staff: payments')
@ApiBearerAuth()
@Controller('api/staff/payments')
export class PaymentsStaffController {
  constructor(
    private readonly wechatpay: WechatPayReconcilerService,
    private readonly alipay: AlipayReconcilerService,
    private readonly differences: ReconciliationDifferencesService,
  ) {}

  @Post('wechatpay/reconcile')
  @HttpCode(200)
  @Roles('finance')
  @ApiOperation({
    summary: 'Reconcile with WeChat Pay now (also runs daily at 10:30 Beijing time)',
    description:
      'Asks WeChat about every unpaid WeChat order of the last 48 hours and every refund still processing, settling what WeChat reports done; then downloads the trade bill of `billDate` (default yesterday) and compares it with the ledger: paid orders still pending are recovered, unknown payments and different amounts are recorded as reconciliation differences for staff.',
  })
  @ApiOkResponse({ type: WechatReconcileView })
  reconcile(@Body() dto: WechatReconcileDto): Promise<WechatReconcileView> {
    return this.wechatpay.reconcile({ billDate: dto?.billDate });
  }

  @Post('alipay/reconcile')
  @HttpCode(200)
  @Roles('finance')
  @ApiOperation({
    summary:
      'Ask Alipay (alipay.trade.query) about every unpaid Alipay order of the last 48 hours and settle the paid ones (lost notifications); also runs daily',
  })
  @ApiOkResponse({ type: AlipayReconcileView })
  reconcileAlipay(): Promise<AlipayReconcileView> {
    return this.alipay.reconcile();
  }

  @Get('reconciliation-differences')
  @Roles('finance')
  @ApiOperation({
    summary:
      "Differences between providers' statements and the ledger (unknown payments, amounts that differ, payments missing from a statement, unknown refunds), newest first",
  })
  @ApiOkResponse({ type: ReconciliationDifferenceListView })
  listDifferences(@Query() query: DifferenceQuery): Promise<ReconciliationDifferenceListView> {
    return this.differences.list({ status: query.status, provider: query.provider, limit: query.limit ?? 100 });
  }

  @Post('reconciliation-differences/:id/resolve')
  @HttpCode(200)
  @Roles('finance')
  @ApiOperation({ summary: 'Mark a reconciliation difference handled, with a note; audited' })
  @ApiOkResponse({ type: ReconciliationDifferenceView })
  @ApiErrors({ 404: 'DIFFERENCE_NOT_FOUND', 409: 'DIFFERENCE_RESOLVED' })
  resolveDifference(@Param('id') id: string, @Body() dto: ResolveDifferenceDto, @CurrentStaff() staff: StaffPrincipal): Promise<ReconciliationDifferenceView> {
    return this.differences.resolve(id, dto.note, staff);
  }
}
