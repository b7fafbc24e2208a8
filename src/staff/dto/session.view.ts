import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { STAFF_ROLES, StaffRole } from '../staff-user.entity';
import { StaffUserView } from './staff-user.view';

export class AccessTokenView {
  @ApiProperty({ description: 'send as Authorization: Bearer <accessToken>' })
  accessToken: string;

  @ApiProperty({ description: 'seconds until it expires', example: 28800 })
  expiresIn: number;
}

export class LoginView extends AccessTokenView {
  @ApiProperty({ enum: STAFF_ROLES })
  role: StaffRole;

  @ApiProperty({ example: '王会计' })
  name: string;

  @ApiPropertyOptional({ enum: [true], description: 'STAFF_REQUIRE_2FA without a second factor yet: the token only serves enrolment' })
  secondFactorEnrolmentRequired?: true;
}

export class MeView extends StaffUserView {
  @ApiPropertyOptional({ enum: [true], description: 'while STAFF_REQUIRE_2FA waits for the enrolment of a second factor' })
  secondFactorEnrolmentRequired?: true;
}

export class TotpEnrolmentView {
  @ApiProperty({ description: 'base32 TOTP secret (pending until confirmed)' })
  secret: string;

  @ApiProperty({ example: 'otpauth://totp/Wennuan:admin%40example?secret=…&issuer=Wennuan' })
  otpauthUrl: string;

  @ApiProperty({ description: 'the QR code of otpauthUrl, an SVG document' })
  qrSvg: string;
}

export class TotpEnabledView extends AccessTokenView {
  @ApiProperty({ enum: [true] })
  enabled: true;
}
