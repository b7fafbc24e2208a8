import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsOptional, IsString, MaxLength, MinLength, ValidateNested } from 'class-validator';

const header = (description: string) => ({ description: `header text of the column holding ${description}`, maxLength: 60 });

/** Which column of the file holds each field, by its header text (compared without spaces or a bracketed unit). */
export class StatementColumnsDto {
  @ApiProperty({ example: '业务编号', ...header("the bank's reference (unique per transfer)") })
  @IsString()
  @MinLength(1)
  @MaxLength(60)
  bankReference: string;

  @ApiProperty({ example: '到账日期', ...header('the date, or date and time, Beijing time') })
  @IsString()
  @MinLength(1)
  @MaxLength(60)
  receivedAt: string;

  @ApiPropertyOptional({ example: '到账时刻', ...header('the time, when the date column has none') })
  @IsOptional()
  @IsString()
  @MaxLength(60)
  receivedTime?: string;

  @ApiProperty({ example: '汇款人', ...header("the payer's name") })
  @IsString()
  @MinLength(1)
  @MaxLength(60)
  payerName: string;

  @ApiPropertyOptional({ example: '汇款账号', ...header("the payer's account (encrypted at rest)") })
  @IsOptional()
  @IsString()
  @MaxLength(60)
  payerAccount?: string;

  @ApiPropertyOptional({ example: '收入', ...header('the credit (收入) amount in yuan; or give `amount`') })
  @IsOptional()
  @IsString()
  @MaxLength(60)
  creditAmount?: string;

  @ApiPropertyOptional({ example: '支出', ...header('the debit (支出) amount: rows with one are skipped') })
  @IsOptional()
  @IsString()
  @MaxLength(60)
  debitAmount?: string;

  @ApiPropertyOptional({ example: '发生额', ...header('a signed amount (negative: a debit), when there is no credit column') })
  @IsOptional()
  @IsString()
  @MaxLength(60)
  amount?: string;

  @ApiPropertyOptional({ example: '收支', ...header('借/贷 or 收/支: rows marked 借 or 支 are skipped') })
  @IsOptional()
  @IsString()
  @MaxLength(60)
  direction?: string;

  @ApiPropertyOptional({ example: '基金', ...header('the designated fund code (定向捐赠)') })
  @IsOptional()
  @IsString()
  @MaxLength(60)
  fundCode?: string;
}

export class StatementMappingDto {
  @ApiProperty({ example: '招商银行企业网银', description: 'unique (regardless of case); 409 STATEMENT_MAPPING_EXISTS when taken' })
  @IsString()
  @MinLength(1)
  @MaxLength(60)
  name: string;

  @ApiProperty({ type: StatementColumnsDto })
  @ValidateNested()
  @Type(() => StatementColumnsDto)
  columns: StatementColumnsDto;
}
