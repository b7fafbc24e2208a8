import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { ISO_TIMESTAMP } from '../../common/text';
import { IsFen } from '../../common/validation';

export const MAX_LINES = 50;

export class InKindDonorDto {
  @ApiProperty({ example: '武汉某医疗器械有限公司' })
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  name: string;

  @ApiProperty({ enum: ['individual', 'organization'] })
  @IsIn(['individual', 'organization'])
  donorType: 'individual' | 'organization';

  @ApiPropertyOptional({
    example: '13800138000',
    description:
      'mainland mobile, or a fixed line with its area code (027-87654321, 010-62345678转123, 400-1234567); encrypted at rest, only ever shown masked',
  })
  @IsOptional()
  @IsString()
  @MaxLength(32)
  phone?: string;
}

export class PledgedItemDto {
  @ApiProperty({ example: 'medical-protective-mask', description: 'a code from GET /api/in-kind/items' })
  @IsString()
  @MaxLength(63)
  itemCode: string;

  @ApiProperty({ example: 1000, description: "positive integer, in the item's unit, at most 100000000" })
  @IsInt({ message: 'quantity must be an integer' })
  quantity: number;

  @ApiPropertyOptional({ example: 350000, description: 'declared value of the whole line, integer fen' })
  @IsOptional()
  @IsFen()
  valuationFen?: number;

  @ApiPropertyOptional({ example: 'GB 19083-2010，50只/盒' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  spec?: string;

  @ApiPropertyOptional({ example: '20200115A' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  batch?: string;

  @ApiPropertyOptional({ example: '2022-01-14', description: 'expiry date (a timestamp is read as its Beijing calendar day)' })
  @IsOptional()
  @IsString()
  @Matches(ISO_TIMESTAMP, { message: 'expiresAt must be an ISO-8601 date' })
  expiresAt?: string;
}

export class CreateInKindDonationDto {
  @ApiProperty({ example: 'warm-wuhan' })
  @IsString()
  @MinLength(1)
  @MaxLength(63)
  campaignCode: string;

  @ApiProperty({ type: InKindDonorDto })
  @IsObject()
  @ValidateNested()
  @Type(() => InKindDonorDto)
  donor: InKindDonorDto;

  @ApiProperty({ type: [PledgedItemDto], description: `1-${MAX_LINES} lines, one per item` })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_LINES)
  @ValidateNested({ each: true })
  @Type(() => PledgedItemDto)
  items: PledgedItemDto[];

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(500)
  note?: string;
}
