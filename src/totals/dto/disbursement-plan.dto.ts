import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsDateString, IsOptional, IsString, Matches, MaxLength, MinLength, ValidateNested } from 'class-validator';
import { IsCampaignCode, IsFen } from '../../common/validation';

/** One tier of a plan (朝阳区: 小型社区 5万, 中型社区 8万, 大型社区 10万): a line of this tier gets its amount. */
export class PlanTierDto {
  @ApiProperty({ example: '小型社区' })
  @IsString()
  @MinLength(1)
  @MaxLength(50)
  name: string;

  @ApiProperty({ example: 5000000, description: 'integer fen each line of this tier gets' })
  @IsFen({ min: 1, max: Number.MAX_SAFE_INTEGER, message: '$property must be an integer number' })
  amountFen: number;
}

/** The plan's fields without its lines: the multipart fields of an import (the lines come in `file`). */
export class ImportDisbursementPlanDto {
  @ApiProperty({ example: 'warm-wuhan' })
  @IsCampaignCode()
  campaignCode: string;

  @ApiProperty({ example: '朝阳区社区防疫慰问补贴' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  title: string;

  @ApiProperty({ example: 500000000, description: "the plan's total in fen; the lines must add up to it (else 422 PLAN_TOTAL_MISMATCH)" })
  @IsFen({ min: 1, max: Number.MAX_SAFE_INTEGER, message: '$property must be an integer number' })
  totalFen: number;

  @ApiPropertyOptional({ example: 'medical', description: 'the designated fund every line is paid from' })
  @IsOptional()
  @IsString()
  @MaxLength(63)
  fundCode?: string;

  @ApiPropertyOptional({
    type: [PlanTierDto],
    description:
      'the plan’s tiers, when its lines name a tier (column 档次 or tier) instead of (or beside) an amount; names unique, at most 50; an unknown tier on a line → 422 INVALID_PLAN (INVALID_TIER). In a multipart import: the field `tiers` as JSON',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => PlanTierDto)
  tiers?: PlanTierDto[];
}

export class CreateDisbursementPlanDto extends ImportDisbursementPlanDto {
  @ApiProperty({
    example: '受助单位,金额（元）,用途\n朝阳门街道,50000,防疫慰问金\n',
    description:
      'CSV (UTF-8): header 受助单位,金额（元）,用途 (or recipient,amountYuan,purpose), optionally 档次 (tier) with `tiers`; one line per recipient unit; bad lines → 422 INVALID_PLAN with details.errors',
  })
  @IsString()
  @MaxLength(2_000_000)
  csv: string;
}

export class PayPlanLineDto {
  @ApiProperty({ example: '2020-02-20' })
  @IsDateString({ strict: true })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'date must be YYYY-MM-DD' })
  date: string;

  @ApiPropertyOptional({
    example: 'BOC202002200001',
    description: "the bank's reference of the transfer (once among the live disbursements, else 409 DUPLICATE_BANK_REFERENCE)",
  })
  @IsOptional()
  @IsString()
  @Matches(/^[\x21-\x7E]{1,64}$/, { message: 'bankReference must be 1-64 printable ASCII characters' })
  bankReference?: string;

  @ApiPropertyOptional({ default: false, description: 'as for a disbursement: record it even though it exceeds what was received' })
  @IsOptional()
  @IsBoolean()
  confirmExceeding?: boolean;
}
