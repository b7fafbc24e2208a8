import { Body, Controller, Get, Headers, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '../common/dto/error.view';
import { DistributionListView, DistributionView } from './dto/in-kind.view';
import type { FastifyReply } from 'fastify';
import { Roles } from '../staff/auth/roles.decorator';
import { CurrentStaff, StaffPrincipal } from '../staff/auth/staff-principal';
import { DistributionsService } from './distributions.service';
import { CreateDistributionDto } from './dto/create-distribution.dto';
import { ListQuery } from './dto/in-kind-queries.dto';
import { checkIdempotencyKey } from './in-kind-input';

@ApiTags('staff: in-kind')
@ApiBearerAuth()
@Controller('api/staff/distributions')
export class DistributionsController {
  constructor(private readonly distributions: DistributionsService) {}

  @Post()
  @HttpCode(201)
  @Roles('warehouse')
  @ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    description: 'the same key and body answer as the first time; another body → 409 IDEMPOTENCY_KEY_REUSED',
  })
  @ApiOperation({ summary: 'Hand goods to a recipient → 201; any item short → 409 INSUFFICIENT_STOCK and nothing is taken' })
  @ApiCreatedResponse({ type: DistributionView })
  @ApiErrors({ 404: 'CAMPAIGN_NOT_FOUND', 409: 'INSUFFICIENT_STOCK, IDEMPOTENCY_KEY_REUSED', 422: 'UNKNOWN_ITEM, DUPLICATE_ITEM, INVALID_QUANTITY' })
  distribute(
    @Body() dto: CreateDistributionDto,
    @Headers('idempotency-key') key: string | undefined,
    @CurrentStaff() staff: StaffPrincipal,
  ): Promise<DistributionView> {
    return this.distributions.distribute(dto, checkIdempotencyKey(key), staff);
  }

  @Get()
  @Roles('warehouse', 'finance')
  @ApiOperation({ summary: 'Distributions of a campaign, newest first: who got what' })
  @ApiOkResponse({ type: DistributionListView })
  list(@Query() query: ListQuery): Promise<DistributionListView> {
    return this.distributions.list(query.campaignCode, query.limit ?? 100);
  }

  @Get(':id')
  @Roles('warehouse', 'finance')
  @ApiOkResponse({ type: DistributionView })
  @ApiErrors({ 404: 'DISTRIBUTION_NOT_FOUND' })
  get(@Param('id') id: string): Promise<DistributionView> {
    return this.distributions.get(id);
  }

  @Get(':id/delivery-note.pdf')
  @Roles('warehouse', 'finance')
  @ApiProduces('application/pdf')
  @ApiOperation({ summary: 'Delivery note (A4 PDF): items and quantities, signature lines, QR code of the record' })
  async deliveryNote(@Param('id') id: string, @Res() reply: FastifyReply) {
    const { filename, pdf } = await this.distributions.deliveryNote(id);
    void reply
      .header('Content-Type', 'application/pdf')
      .header('Content-Disposition', `inline; filename="${filename}"`)
      .header('Cache-Control', 'private, no-store')
      .send(pdf);
  }
}
