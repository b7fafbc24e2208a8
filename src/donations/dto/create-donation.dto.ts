import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { IsFen } from '../../common/validation';

export const DONATION_CHANNELS = ['sandbox', 'wechatpay', 'alipay'] as const;

export class CreateDonationDto {
  @ApiProperty({ example: 10000, minimum: 1, maximum: 100000000, description: 'integer fen (1 to 100000000); out of range → 422 INVALID_AMOUNT' })
  @IsFen()
  amountFen: number;

  @ApiProperty({ enum: DONATION_CHANNELS })
  @IsIn(DONATION_CHANNELS)
  channel: (typeof DONATION_CHANNELS)[number];

  @ApiPropertyOptional({ example: '张三', maxLength: 50 })
  @IsOptional()
  @IsString()
  @MaxLength(50)
  donorName?: string;

  @ApiPropertyOptional({ default: false })
  @IsOptional()
  @IsBoolean()
  anonymous?: boolean;

  @ApiPropertyOptional({ default: false, description: 'consent to appear (masked) on the public donor wall' })
  @IsOptional()
  @IsBoolean()
  showOnWall?: boolean;

  @ApiPropertyOptional({ example: '13800138000', description: 'mainland mobile; encrypted at rest, never shown publicly' })
  @IsOptional()
  @IsString()
  @MaxLength(20)
  phone?: string;

  @ApiPropertyOptional({ maxLength: 200 })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  message?: string;

  @ApiPropertyOptional({ example: 'medical', description: 'a designated fund of the campaign (定向捐赠); unknown → 422 FUND_NOT_FOUND' })
  @IsOptional()
  @IsString()
  @MaxLength(63)
  fundCode?: string;
}
