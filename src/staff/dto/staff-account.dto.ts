import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsString, Matches, MaxLength } from 'class-validator';
import { STAFF_ROLES, StaffRole } from '../staff-user.entity';

export class ChangeRoleDto {
  @ApiProperty({ enum: STAFF_ROLES })
  @IsIn(STAFF_ROLES)
  role: StaffRole;
}

export class ResetPasswordDto {
  @ApiProperty({ minLength: 10, description: 'The new password (at least 10 characters), told to its owner in person' })
  @IsString()
  @MaxLength(200)
  password: string;
}

export class TotpCodeDto {
  @ApiProperty({ example: '492039', description: 'The 6 digits the authenticator app shows now' })
  @IsString()
  @Matches(/^\d{6}$/, { message: 'code must be 6 digits' })
  code: string;
}
