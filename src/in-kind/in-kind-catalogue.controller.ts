import { Body, Controller, Get, Header, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '../common/dto/error.view';
import { InKindItemListView, InKindItemView } from './dto/in-kind.view';
import { Roles } from '../staff/auth/roles.decorator';
import { CurrentStaff, StaffPrincipal } from '../staff/auth/staff-principal';
import { CreateInKindItemDto } from './dto/create-in-kind-item.dto';
import { InKindCatalogueService } from './in-kind-catalogue.service';

@ApiTags('in-kind')
@Controller()
export class InKindCatalogueController {
  constructor(private readonly catalogue: InKindCatalogueService) {}

  @Get('api/in-kind/items')
  @Header('Cache-Control', 'public, max-age=60')
  @ApiOperation({ summary: 'The catalogue of goods → { items: [ { code, name, category, unit, standard, note } ] }' })
  @ApiOkResponse({ type: InKindItemListView })
  list(): Promise<InKindItemListView> {
    return this.catalogue.list();
  }

  @Post('api/staff/in-kind/items')
  @HttpCode(201)
  @Roles('warehouse')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Add a good to the catalogue (warehouse, admin); a taken code or name → 409 IN_KIND_ITEM_EXISTS' })
  @ApiCreatedResponse({ type: InKindItemView })
  @ApiErrors({ 409: 'IN_KIND_ITEM_EXISTS' })
  create(@Body() dto: CreateInKindItemDto, @CurrentStaff() staff: StaffPrincipal): Promise<InKindItemView> {
    return this.catalogue.create(dto, staff);
  }
}
