import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsInt, IsOptional, IsString, MaxLength, ValidateNested } from 'class-validator';
import { MAX_LINES } from './create-in-kind-donation.dto';

export class InspectedItemDto {
  @ApiProperty({ example: 'medical-protective-mask' })
  @IsString()
  @MaxLength(63)
  itemCode: string;

  @ApiProperty({ example: 900, description: 'fit for use: enters stock and public totals' })
  @IsInt({ message: 'acceptedQuantity must be an integer' })
  acceptedQuantity: number;

  @ApiProperty({ example: 100, description: 'refused on arrival: never enters stock or totals' })
  @IsInt({ message: 'rejectedQuantity must be an integer' })
  rejectedQuantity: number;

  @ApiPropertyOptional({ example: '已过期', description: 'why goods were rejected: expired, damaged, wrong standard, not medical grade …' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  reason?: string;
}

export class InspectInKindDonationDto {
  @ApiProperty({ type: [InspectedItemDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_LINES)
  @ValidateNested({ each: true })
  @Type(() => InspectedItemDto)
  items: InspectedItemDto[];
}
