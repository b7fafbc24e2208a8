import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { createHmac } from 'node:crypto';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { AuditLogController } from './audit/audit-log.controller';
import { AuditModule } from './audit/audit.module';
import { AuthController } from './auth/auth.controller';
import { AuthService } from './auth/auth.service';
import { LoginThrottle } from './auth/login-throttle';
import { StaffAuthGuard } from './auth/staff-auth.guard';
import { SecondFactorController } from './auth/second-factor.controller';
import { SecondFactorService } from './auth/second-factor.service';
import { StaffAccountsService } from './staff-accounts.service';
import { StaffUsersController } from './staff-users.controller';
import { StaffUsersRepository } from './staff-users.repository';
import { StaffUsersService } from './staff-users.service';

/** Staff accounts, sign-in, the roles guard (global) and the audit log. */
@Module({
  imports: [
    AuditModule,
    JwtModule.registerAsync({
      inject: [APP_CONFIG],
      // A key of its own, derived from APP_SECRET, so tokens can never be confused with receipt signatures.
      useFactory: (config: AppConfig) => ({
        secret: createHmac('sha256', config.appSecret).update('wennuan:staff-access-token').digest(),
        signOptions: { algorithm: 'HS256', issuer: 'wennuan' },
        verifyOptions: { algorithms: ['HS256'], issuer: 'wennuan' },
      }),
    }),
  ],
  controllers: [AuthController, SecondFactorController, StaffUsersController, AuditLogController],
  providers: [
    AuthService,
    LoginThrottle,
    SecondFactorService,
    StaffUsersService,
    StaffUsersRepository,
    StaffAccountsService,
    { provide: APP_GUARD, useClass: StaffAuthGuard },
  ],
  exports: [AuthService, StaffUsersRepository],
})
export class StaffModule {}
