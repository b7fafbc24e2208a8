import { ApiProperty } from '@nestjs/swagger';
import { IsString, Matches, MaxLength, MinLength } from 'class-validator';
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
}
