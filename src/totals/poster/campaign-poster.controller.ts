import { Controller, Get, Param, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { sendPublic } from '../public-response';
import { CampaignPosterService, Poster } from './campaign-poster.service';

@ApiTags('totals')
@Controller()
export class CampaignPosterController {
  constructor(private readonly posters: CampaignPosterService) {}

  @Get('api/campaigns/:code/poster.pdf')
  @ApiProduces('application/pdf')
  @ApiOperation({ summary: 'Share poster, print-ready A4 PDF: title, current figures, the donate QR code (figures at most a minute old)' })
  async pdf(@Param('code') code: string, @Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    send(request, reply, await this.posters.poster(code, 'pdf'), 'application/pdf');
  }

  @Get('api/campaigns/:code/poster.png')
  @ApiProduces('image/png')
  @ApiOperation({ summary: 'The same poster as a 1080-pixel-wide PNG, for phones and WeChat' })
  async png(@Param('code') code: string, @Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    send(request, reply, await this.posters.poster(code, 'png'), 'image/png');
  }
}

function send(request: FastifyRequest, reply: FastifyReply, poster: Poster, type: string): void {
  void reply.header('Content-Disposition', `inline; filename="${poster.filename}"`);
  sendPublic(request, reply, poster, 60, type);
}
