// The same two routes as bare-server.js, as a Nest app the way src/ writes them: a controller
// with a class-validator DTO behind a global ValidationPipe. Compiled on the fly by child.js.
import 'reflect-metadata';
import { Body, Controller, Get, Module, Param, Post, ValidationPipe } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ExpressAdapter } from '@nestjs/platform-express';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';

const { campaignTotals, CHANNELS, MAX_AMOUNT_FEN, MAX_DONOR_NAME_LENGTH, acceptedDonation } = require('./fixtures');

class DonationIntakeDto {
  @IsInt()
  @Min(1)
  @Max(MAX_AMOUNT_FEN)
  amountFen: number;

  @IsIn(CHANNELS)
  channel: string;

  @IsOptional()
  @IsString()
  @MaxLength(MAX_DONOR_NAME_LENGTH)
  donorName?: string;
}

@Controller('api/campaigns/:code')
class CampaignBenchController {
  @Get('totals')
  totals(@Param('code') _code: string) {
    return campaignTotals;
  }

  @Post('donations')
  intakeDonation(@Param('code') _code: string, @Body() input: DonationIntakeDto) {
    return acceptedDonation(input);
  }
}

@Module({ controllers: [CampaignBenchController] })
class BenchModule {}

export async function listen(platform: 'fastify' | 'express', host: string): Promise<number> {
  const adapter = platform === 'fastify' ? new FastifyAdapter() : new ExpressAdapter();
  const app = await NestFactory.create(BenchModule, adapter, { logger: ['error', 'warn'] });
  app.useGlobalPipes(new ValidationPipe({ whitelist: true, forbidNonWhitelisted: true }));
  await app.listen(0, host);
  return app.getHttpServer().address().port;
}
