import { ApiProperty } from '@nestjs/swagger';
import { IsInt, IsString, MaxLength, MinLength } from 'class-validator';

export class AdjustStockDto {
  @ApiProperty({ example: 'warm-wuhan' })
  @IsString()
  @MinLength(1)
  @MaxLength(63)
  campaignCode: string;

  @ApiProperty({ example: 'medical-protective-mask' })
  @IsString()
  @MaxLength(63)
  itemCode: string;

  @ApiProperty({ example: -20, description: 'signed, not zero: found in a count (+) or lost, damaged in store (-)' })
  @IsInt({ message: 'quantity must be an integer' })
  quantity: number;

  @ApiProperty({ example: '仓库盘点：20只受潮' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  reason: string;
}
