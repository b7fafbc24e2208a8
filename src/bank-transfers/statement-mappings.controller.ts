import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '../common/dto/error.view';
import { OkView } from '../common/dto/ok.view';
import { StatementMappingListView, StatementMappingView } from './dto/bank-transfer.view';
import { Roles } from '../staff/auth/roles.decorator';
import { CurrentStaff, StaffPrincipal } from '../staff/auth/staff-principal';
import { StatementMappingDto } from './dto/statement-mapping.dto';
import { StatementMappingsService } from './statement-mappings.service';

/** Column mappings of statement layouts the importer does not recognise; chosen on upload with the form field `mappingId`. */
@ApiTags('staff: bank transfers')
@ApiBearerAuth()
@Controller('api/staff/bank-transfers/mappings')
export class StatementMappingsController {
  constructor(private readonly mappings: StatementMappingsService) {}

  @Get()
  @Roles('finance')
  @ApiOperation({ summary: 'Saved statement column mappings → 200 { items: [ { id, name, columns, createdAt, updatedAt } ] }' })
  @ApiOkResponse({ type: StatementMappingListView })
  list(): Promise<StatementMappingListView> {
    return this.mappings.list();
  }

  @Post()
  @HttpCode(201)
  @Roles('finance')
  @ApiOperation({
    summary:
      'Save a column mapping { name, columns: { bankReference, receivedAt, payerName, creditAmount | amount, … } } (header texts) → 201 mapping; a name taken → 409 STATEMENT_MAPPING_EXISTS; audited',
  })
  @ApiCreatedResponse({ type: StatementMappingView })
  @ApiErrors({ 409: 'STATEMENT_MAPPING_EXISTS' })
  create(@Body() dto: StatementMappingDto, @CurrentStaff() staff: StaffPrincipal): Promise<StatementMappingView> {
    return this.mappings.create(dto, staff);
  }

  @Put(':id')
  @Roles('finance')
  @ApiOperation({ summary: 'Change a mapping → 200 mapping; unknown → 404 STATEMENT_MAPPING_NOT_FOUND; audited (before and after)' })
  @ApiOkResponse({ type: StatementMappingView })
  @ApiErrors({ 404: 'STATEMENT_MAPPING_NOT_FOUND', 409: 'STATEMENT_MAPPING_EXISTS' })
  update(@Param('id') id: string, @Body() dto: StatementMappingDto, @CurrentStaff() staff: StaffPrincipal): Promise<StatementMappingView> {
    return this.mappings.update(id, dto, staff);
  }

  @Delete(':id')
  @Roles('finance')
  @ApiOperation({ summary: 'Delete a mapping → 200 { ok: true }; imports already asked for keep the columns they were given; audited' })
  @ApiOkResponse({ type: OkView })
  @ApiErrors({ 404: 'STATEMENT_MAPPING_NOT_FOUND' })
  remove(@Param('id') id: string, @CurrentStaff() staff: StaffPrincipal): Promise<OkView> {
    return this.mappings.remove(id, staff);
  }
}
