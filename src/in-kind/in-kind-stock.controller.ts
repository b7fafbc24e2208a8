import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '../common/dto/error.view';
import { AdjustedStockView, StockMovementListView, StockReconciliationView, StockView } from './dto/in-kind.view';
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
  @ApiOkResponse({ type: StockView })
  @ApiErrors({ 404: 'CAMPAIGN_NOT_FOUND' })
  get(@Query() query: CampaignQuery): Promise<StockView> {
    return this.stock.stock(query.campaignCode);
  }

  @Get('stock/movements')
  @Roles('warehouse', 'finance')
  @ApiOperation({
    summary:
      'The movements behind the stock of a campaign (optionally one item), newest first: received (with the pledge), distributed (with the recipient), adjusted (with the reason)',
  })
  @ApiOkResponse({ type: StockMovementListView })
  @ApiErrors({ 404: 'CAMPAIGN_NOT_FOUND', 422: 'UNKNOWN_ITEM' })
  movements(@Query() query: MovementsQuery): Promise<StockMovementListView> {
    return this.stock.movements(query.campaignCode, query.itemCode, query.limit ?? 100);
  }

  @Get('stock/reconciliation')
  @Roles('warehouse', 'finance')
  @ApiOperation({ summary: 'Stock recomputed from its movements and from the inspections, beside the stock stored' })
  @ApiOkResponse({ type: StockReconciliationView })
  @ApiErrors({ 404: 'CAMPAIGN_NOT_FOUND' })
  reconcile(@Query() query: CampaignQuery): Promise<StockReconciliationView> {
    return this.stock.reconcile(query.campaignCode);
  }

  @Post('adjustments')
  @HttpCode(201)
  @Roles('warehouse')
  @ApiOperation({ summary: 'Correct stock with a reason (count, damage in store); never below zero (409 INSUFFICIENT_STOCK)' })
  @ApiCreatedResponse({ type: AdjustedStockView })
  @ApiErrors({ 404: 'CAMPAIGN_NOT_FOUND', 409: 'INSUFFICIENT_STOCK', 422: 'UNKNOWN_ITEM, INVALID_QUANTITY' })
  adjust(@Body() dto: AdjustStockDto, @CurrentStaff() staff: StaffPrincipal): Promise<AdjustedStockView> {
    return this.stock.adjust(dto, staff);
  }
}
