import { Body, Controller, Get, Headers, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
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
  distribute(@Body() dto: CreateDistributionDto, @Headers('idempotency-key') key: string | undefined, @CurrentStaff() staff: StaffPrincipal) {
    return this.distributions.distribute(dto, checkIdempotencyKey(key), staff);
  }

  @Get()
  @Roles('warehouse', 'finance')
  @ApiOperation({ summary: 'Distributions of a campaign, newest first: who got what' })
  list(@Query() query: ListQuery) {
    return this.distributions.list(query.campaignCode, query.limit ?? 100);
  }

  @Get(':id')
  @Roles('warehouse', 'finance')
  get(@Param('id') id: string) {
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
