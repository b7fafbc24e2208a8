import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsInt, IsOptional, IsString, MaxLength, MinLength, ValidateNested } from 'class-validator';
import { MAX_LINES } from './create-in-kind-donation.dto';

export class DistributedItemDto {
  @ApiProperty({ example: 'medical-protective-mask' })
  @IsString()
  @MaxLength(63)
  itemCode: string;

  @ApiProperty({ example: 500 })
  @IsInt({ message: 'quantity must be an integer' })
  quantity: number;
}

export class CreateDistributionDto {
  @ApiProperty({ example: 'warm-wuhan' })
  @IsString()
  @MinLength(1)
  @MaxLength(63)
  campaignCode: string;

  @ApiProperty({ example: '武汉市金银潭医院' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  recipient: string;

  @ApiProperty({ type: [DistributedItemDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_LINES)
  @ValidateNested({ each: true })
  @Type(() => DistributedItemDto)
  items: DistributedItemDto[];

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(500)
  note?: string;
}
