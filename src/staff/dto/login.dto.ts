import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { NO_CONTROL_CHARACTERS } from '../../common/text';

export class LoginDto {
  @ApiProperty({ example: 'admin@example.org' })
  @IsString()
  @MinLength(3)
  @MaxLength(254)
  @Matches(NO_CONTROL_CHARACTERS, { message: 'email must not contain control characters' })
  email: string;

  @ApiProperty({ example: 'correct horse battery staple' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  password: string;

  @ApiPropertyOptional({
    example: '492039',
    description: "The 6-digit code of the account's authenticator app: needed only once the account has a second factor (else 401 TOTP_REQUIRED)",
  })
  @IsOptional()
  @IsString()
  @Matches(/^\d{6}$/, { message: 'totpCode must be 6 digits' })
  totpCode?: string;
}
