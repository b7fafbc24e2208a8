import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsDateString, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { IsCampaignCode, IsFen } from '../../common/validation';

export class CreateDisbursementDto {
  @ApiProperty({ example: 'warm-wuhan' })
  @IsCampaignCode()
  campaignCode: string;

  @ApiProperty({ example: 50000000, description: 'integer fen, positive' })
  @IsFen({ message: '$property must be an integer number' })
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

  @ApiPropertyOptional({ example: 'medical', description: 'the designated fund paid from; unknown → 422 FUND_NOT_FOUND' })
  @IsOptional()
  @IsString()
  @MaxLength(63)
  fundCode?: string;

  @ApiPropertyOptional({
    example: 'BOC202002200001',
    description:
      "the bank's reference of the transfer that paid it (printable ASCII, 1-64); once among the live disbursements, else 409 DUPLICATE_BANK_REFERENCE",
  })
  @IsOptional()
  @IsString()
  @Matches(/^[\x21-\x7E]{1,64}$/, { message: 'bankReference must be 1-64 printable ASCII characters' })
  bankReference?: string;

  @ApiPropertyOptional({
    description:
      'When the fund (or the campaign) would show more disbursed than received: true records it as confirmed (kept on the row and in the audit log); ' +
      'false refuses it with 422 DISBURSEMENT_EXCEEDS_RECEIVED (the console sends false, then asks the person); absent records it and answers ' +
      'exceedsReceived: true with a warning (the contract answers 201 to every well-formed disbursement)',
  })
  @IsOptional()
  @IsBoolean()
  confirmExceeding?: boolean;
}

export class VoidDisbursementDto {
  @ApiProperty({ example: '金额录入错误，已按正确金额重新登记' })
  @IsString()
  @MinLength(1)
  @MaxLength(500)
  reason: string;
}
