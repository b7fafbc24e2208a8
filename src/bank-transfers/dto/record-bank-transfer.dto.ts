import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { IsFen } from '../../common/validation';

export class RecordBankTransferDto {
  @ApiProperty({ example: 'warm-wuhan' })
  @IsString()
  @MinLength(1)
  @MaxLength(63)
  campaignCode: string;

  @ApiProperty({
    example: 'BOC20200201-000123',
    description: "the bank's reference for the transfer; recorded once per campaign (409 DUPLICATE_BANK_REFERENCE)",
  })
  @IsString()
  @Matches(/^[\x21-\x7E]{1,64}$/, { message: 'bankReference must be 1-64 visible ASCII characters' })
  bankReference: string;

  @ApiProperty({ example: 500000, description: 'integer fen, 1 to 100000000' })
  @IsFen()
  amountFen: number;

  @ApiProperty({ example: '武汉光谷科技有限公司' })
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  payerName: string;

  @ApiProperty({ example: '2020-02-01T10:30:00+08:00', description: 'when the money arrived (ISO 8601 with offset)' })
  @IsString()
  @Matches(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/, {
    message: 'receivedAt must be an ISO-8601 timestamp with an offset, e.g. 2020-02-01T10:30:00+08:00',
  })
  @IsISO8601({ strict: true })
  receivedAt: string;

  @ApiPropertyOptional({ example: '6222020200001234567', description: 'payer account; encrypted at rest, shown masked' })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  payerAccount?: string;

  @ApiPropertyOptional({ example: 'medical', description: 'a designated fund of the campaign (定向捐赠), counted in it; unknown → 422 FUND_NOT_FOUND' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  fundCode?: string;
}
