import { ApiProperty } from '@nestjs/swagger';
import { IsDateString, IsInt, IsString, Matches, MaxLength, MinLength } from 'class-validator';

export class CreateDisbursementDto {
  @ApiProperty({ example: 'warm-wuhan' })
  @IsString()
  @Matches(/^[a-z0-9][a-z0-9-]{1,62}$/)
  campaignCode: string;

  @ApiProperty({ example: 50000000, description: 'integer fen, positive' })
  @IsInt()
  amountFen: number;

  @ApiProperty({ example: '武汉市金银潭医院' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  recipient: string;

  @ApiProperty({ example: '一线医护人员慰问' })
  @IsString()
  @MinLength(1)
  @MaxLength(500)
  purpose: string;

  @ApiProperty({ example: '2020-02-10' })
  @IsDateString({ strict: true })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'date must be YYYY-MM-DD' })
  date: string;
}
