import { ApiProperty } from '@nestjs/swagger';
import { IsEmail, IsIn, IsString, MaxLength, MinLength } from 'class-validator';
import { STAFF_ROLES, StaffRole } from '../staff-user.entity';

export class CreateStaffUserDto {
  @ApiProperty({ example: 'finance@example.org' })
  @IsEmail({ require_tld: false })
  @MaxLength(254)
  email: string;

  @ApiProperty({ minLength: 10, description: 'At least 10 characters' })
  @IsString()
  @MaxLength(200)
  password: string;

  @ApiProperty({ enum: STAFF_ROLES })
  @IsIn(STAFF_ROLES)
  role: StaffRole;

  @ApiProperty({ example: '李会计' })
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  name: string;
}
