import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '../../common/dto/error.view';
import { TotpEnabledView, TotpEnrolmentView } from '../dto/session.view';
import { TotpCodeDto } from '../dto/staff-account.dto';
import { OpenDuringEnrolment, Roles } from './roles.decorator';
import { SecondFactorService } from './second-factor.service';
import { CurrentStaff, StaffPrincipal } from './staff-principal';

/**
 * Enrolling one's own second factor. The flow: POST /api/staff/me/totp → a secret and its QR code;
 * scan it; POST /api/staff/me/totp/confirm { code } → the factor is on, other sessions end, and the
 * answer carries a new accessToken for this one. From then on POST /api/auth/login needs `totpCode`.
 */
@ApiTags('staff')
@ApiBearerAuth()
@Controller('api/staff/me/totp')
export class SecondFactorController {
  constructor(private readonly secondFactor: SecondFactorService) {}

  @Post()
  @HttpCode(201)
  @Roles('finance', 'warehouse', 'auditor')
  @OpenDuringEnrolment()
  @ApiOperation({
    summary:
      'Start enrolling a TOTP second factor → 201 { secret, otpauthUrl, qrSvg } (pending until confirmed; a new call replaces the pending secret); already enrolled → 409 TOTP_ALREADY_ENABLED',
  })
  @ApiCreatedResponse({ type: TotpEnrolmentView })
  @ApiErrors({ 409: 'TOTP_ALREADY_ENABLED' })
  start(@CurrentStaff() staff: StaffPrincipal): Promise<TotpEnrolmentView> {
    return this.secondFactor.start(staff);
  }

  @Post('confirm')
  @HttpCode(200)
  @Roles('finance', 'warehouse', 'auditor')
  @OpenDuringEnrolment()
  @ApiOperation({
    summary:
      'Confirm with the code the app shows → 200 { enabled: true, accessToken, expiresIn } (this session continues with the new token; the others end); wrong code → 422 TOTP_CODE_MISMATCH; nothing started → 409 TOTP_NOT_STARTED',
  })
  @ApiOkResponse({ type: TotpEnabledView })
  @ApiErrors({ 409: 'TOTP_NOT_STARTED', 422: 'TOTP_CODE_MISMATCH' })
  confirm(@Body() dto: TotpCodeDto, @CurrentStaff() staff: StaffPrincipal): Promise<TotpEnabledView> {
    return this.secondFactor.confirm(staff, dto.code);
  }
}
