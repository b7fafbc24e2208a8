import { Body, Controller, Get, HttpCode, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '../../common/dto/error.view';
import { OkView } from '../../common/dto/ok.view';
import { LoginView, MeView } from '../dto/session.view';
import type { FastifyRequest } from 'fastify';
import { RateLimit } from '../../common/rate-limit';
import { LoginDto } from '../dto/login.dto';
import { StaffUsersService } from '../staff-users.service';
import { AuthService } from './auth.service';
import { OpenDuringEnrolment, Roles } from './roles.decorator';
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
  @RateLimit('public-writes')
  @ApiOperation({
    summary:
      'Sign in { email, password, totpCode? } → 200 { accessToken, expiresIn, role, name, secondFactorEnrolmentRequired? }. 401 INVALID_CREDENTIALS for any wrong email/password; 401 ACCOUNT_DISABLED; for an account with a second factor, 401 TOTP_REQUIRED (then send the same body with totpCode) or 401 INVALID_TOTP_CODE; 429 LOGIN_LOCKED (Retry-After) after repeated failures from one client address: another address is not affected. With STAFF_REQUIRE_2FA=true an admin or finance account without a second factor gets a token that only serves enrolment (POST /api/staff/me/totp), shown by secondFactorEnrolmentRequired: true',
  })
  @ApiOkResponse({ type: LoginView })
  @ApiErrors({ 401: 'INVALID_CREDENTIALS, ACCOUNT_DISABLED, TOTP_REQUIRED, INVALID_TOTP_CODE', 429: 'LOGIN_LOCKED, RATE_LIMITED' })
  // A 429 LOGIN_LOCKED says when to come back: the error filter sets Retry-After from the error's retryAfterSeconds.
  login(@Body() dto: LoginDto, @Req() req: FastifyRequest): Promise<LoginView> {
    return this.auth.login(dto.email, dto.password, req.ip ?? null, dto.totpCode);
  }

  @Post('api/staff/logout')
  @HttpCode(200)
  @Roles('finance', 'warehouse', 'auditor')
  @OpenDuringEnrolment()
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Sign out: every token of this account stops working at once' })
  @ApiOkResponse({ type: OkView })
  async logout(@CurrentStaff() staff: StaffPrincipal): Promise<OkView> {
    await this.auth.logout(staff);
    return { ok: true };
  }

  @Get('api/staff/me')
  @Roles('finance', 'warehouse', 'auditor')
  @OpenDuringEnrolment()
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Who is signed in: the account, and secondFactorEnrolmentRequired while STAFF_REQUIRE_2FA waits for its enrolment' })
  @ApiOkResponse({ type: MeView })
  async me(@CurrentStaff() staff: StaffPrincipal): Promise<MeView> {
    const me = await this.users.get(staff.id);
    return staff.secondFactorPending ? { ...me, secondFactorEnrolmentRequired: true } : me;
  }
}
