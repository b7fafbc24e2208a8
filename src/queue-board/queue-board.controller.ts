import { Controller, Delete, HttpCode, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { OkView } from '../common/dto/ok.view';
import { QueueBoardSessionView } from './dto/queue-board-session.view';

import type { FastifyReply } from 'fastify';
import { Roles } from '../staff/auth/roles.decorator';
import { CurrentStaff, StaffPrincipal } from '../staff/auth/staff-principal';
import { BOARD_PATH, QueueBoardSessions } from './queue-board.session';

@ApiTags('staff')
@ApiBearerAuth()
@Controller('api/staff/queue-board')
export class QueueBoardController {
  constructor(private readonly sessions: QueueBoardSessions) {}

  @Post('session')
  @HttpCode(200)
  @Roles() // admin only
  @ApiOperation({ summary: `Admin only: sets a short-lived HttpOnly cookie for the BullMQ board at ${BOARD_PATH}, then open that URL` })
  @ApiOkResponse({ type: QueueBoardSessionView })
  async open(@CurrentStaff() staff: StaffPrincipal, @Res({ passthrough: true }) reply: FastifyReply): Promise<QueueBoardSessionView> {
    const session = await this.sessions.open(staff);
    void reply.header('Set-Cookie', session.cookie).header('Cache-Control', 'no-store');
    return { url: BOARD_PATH, expiresIn: session.expiresIn };
  }

  @Delete('session')
  @HttpCode(200)
  @Roles()
  @ApiOperation({ summary: 'Admin only: ends the board session in this browser (signing out ends it everywhere)' })
  @ApiOkResponse({ type: OkView })
  close(@Res({ passthrough: true }) reply: FastifyReply): OkView {
    void reply.header('Set-Cookie', this.sessions.closed()).header('Cache-Control', 'no-store');
    return { ok: true };
  }
}
