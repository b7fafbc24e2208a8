import { Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { createHmac } from 'node:crypto';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { StaffModule } from '../staff/staff.module';
import { QueueBoardController } from './queue-board.controller';
import { QueueBoardMount } from './queue-board.mount';
import { QueueBoardSessions } from './queue-board.session';

/** The BullMQ board for admins at /staff/queues, opened with a short-lived cookie (APP_ROLE all|api). */
@Module({
  imports: [
    DiscoveryModule,
    StaffModule,
    JwtModule.registerAsync({
      inject: [APP_CONFIG],
      // A key of its own, so a board cookie can never pass as a staff token or the other way round.
      useFactory: (config: AppConfig) => ({
        secret: createHmac('sha256', config.appSecret).update('wennuan:queue-board-session').digest(),
        signOptions: { algorithm: 'HS256', issuer: 'wennuan' },
        verifyOptions: { algorithms: ['HS256'], issuer: 'wennuan' },
      }),
    }),
  ],
  controllers: [QueueBoardController],
  providers: [QueueBoardSessions, QueueBoardMount],
})
export class QueueBoardModule {}
