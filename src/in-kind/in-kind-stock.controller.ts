import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../staff/auth/roles.decorator';
import { CurrentStaff, StaffPrincipal } from '../staff/auth/staff-principal';
import { AdjustStockDto } from './dto/adjust-stock.dto';
import { CampaignQuery, MovementsQuery } from './dto/in-kind-queries.dto';
import { InKindStockService } from './in-kind-stock.service';

@ApiTags('staff: in-kind')
@ApiBearerAuth()
@Controller('api/staff/in-kind')
export class InKindStockController {
  constructor(private readonly stock: InKindStockService) {}

  @Get('stock')
  @Roles('warehouse', 'finance')
  @ApiOperation({ summary: 'Stock per item of a campaign: received (accepted), distributed, adjusted, on hand' })
  get(@Query() query: CampaignQuery) {
    return this.stock.stock(query.campaignCode);
  }

  @Get('stock/movements')
  @Roles('warehouse', 'finance')
  @ApiOperation({
    summary:
      'The movements behind the stock of a campaign (optionally one item), newest first: received (with the pledge), distributed (with the recipient), adjusted (with the reason)',
  })
  movements(@Query() query: MovementsQuery) {
    return this.stock.movements(query.campaignCode, query.itemCode, query.limit ?? 100);
  }

  @Get('stock/reconciliation')
  @Roles('warehouse', 'finance')
  @ApiOperation({ summary: 'Stock recomputed from its movements and from the inspections, beside the stock stored' })
  reconcile(@Query() query: CampaignQuery) {
    return this.stock.reconcile(query.campaignCode);
  }

  @Post('adjustments')
  @HttpCode(201)
  @Roles('warehouse')
  @ApiOperation({ summary: 'Correct stock with a reason (count, damage in store); never below zero (409 INSUFFICIENT_STOCK)' })
  adjust(@Body() dto: AdjustStockDto, @CurrentStaff() staff: StaffPrincipal) {
    return this.stock.adjust(dto, staff);
  }
}
