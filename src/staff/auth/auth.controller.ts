import { Body, Controller, Get, HttpCode, Post, Req, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ThrottlerGuard } from '@nestjs/throttler';
import type { FastifyRequest } from 'fastify';
import { LoginDto } from '../dto/login.dto';
import { StaffUsersService } from '../staff-users.service';
import { AuthService } from './auth.service';
import { Roles } from './roles.decorator';
import { CurrentStaff, StaffPrincipal } from './staff-principal';

@ApiTags('staff')
@Controller()
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly users: StaffUsersService,
  ) {}

  @Post('api/auth/login')
  @HttpCode(200)
  @UseGuards(ThrottlerGuard)
  @ApiOperation({ summary: 'Sign in; 401 INVALID_CREDENTIALS for any wrong email/password, 429 LOGIN_LOCKED after repeated failures' })
  login(@Body() dto: LoginDto, @Req() req: FastifyRequest) {
    return this.auth.login(dto.email, dto.password, req.ip ?? null);
  }

  @Post('api/staff/logout')
  @HttpCode(200)
  @Roles('finance', 'warehouse', 'auditor')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Sign out: every token of this account stops working at once' })
  async logout(@CurrentStaff() staff: StaffPrincipal) {
    await this.auth.logout(staff);
    return { ok: true };
  }

  @Get('api/staff/me')
  @Roles('finance', 'warehouse', 'auditor')
  @ApiBearerAuth()
  me(@CurrentStaff() staff: StaffPrincipal) {
    return this.users.get(staff.id);
  }
}
