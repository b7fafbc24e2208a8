import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsOptional, IsString, IsUUID, Matches, MaxLength, MinLength } from 'class-validator';

/** A whole number given as a JSON number is read as its digits, zero-padded to the width (票据号码 keep leading zeros). */
const digits = (width: number) =>
  Transform(({ value }: { value: unknown }) =>
    typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 ? String(value).padStart(width, '0') : value,
  );

export class CreateReceiptBookDto {
  @ApiProperty({ example: '42010125', description: '票据代码, 8 digits' })
  @digits(8)
  @IsString()
  @Matches(/^\d{8}$/, { message: '票据代码须为 8 位数字' })
  code: string;

  @ApiProperty({ example: '0000000001', description: 'first 票据号码 of the book, 10 digits (leading zeros kept)' })
  @digits(10)
  @IsString()
  @Matches(/^\d{10}$/, { message: '票据号码须为 10 位数字' })
  firstNumber: string;

  @ApiProperty({ example: '0000000050', description: 'last 票据号码 of the book, 10 digits; at most 10,000 numbers in a book' })
  @digits(10)
  @IsString()
  @Matches(/^\d{10}$/, { message: '票据号码须为 10 位数字' })
  lastNumber: string;
}

export class AttachPaperDto {
  @ApiProperty({ description: 'the receipt book (id from POST /api/staff/receipt-books)' })
  @IsUUID('all', { message: 'bookId 须为票据本编号' })
  bookId: string;

  @ApiPropertyOptional({ example: '0000000001', description: 'the paper form used; omitted: the lowest unused number of the book' })
  @IsOptional()
  @digits(10)
  @IsString()
  @Matches(/^\d{10}$/, { message: '票据号码须为 10 位数字' })
  number?: string;
}

export class SpoilNumberDto {
  @ApiProperty({ example: '0000000007' })
  @digits(10)
  @IsString()
  @Matches(/^\d{10}$/, { message: '票据号码须为 10 位数字' })
  number: string;

  @ApiProperty({ example: '填写错误，已加盖作废章', maxLength: 500 })
  @IsString()
  @MinLength(1)
  @MaxLength(500)
  reason: string;
}

export class AttachFiscalDto {
  @ApiProperty({ example: '42010124', description: '票据代码, 8 digits' })
  @digits(8)
  @IsString()
  @Matches(/^\d{8}$/, { message: '票据代码须为 8 位数字' })
  code: string;

  @ApiProperty({ example: '0012345678', description: '票据号码, 10 digits' })
  @digits(10)
  @IsString()
  @Matches(/^\d{10}$/, { message: '票据号码须为 10 位数字' })
  number: string;

  @ApiProperty({ example: 'a1b2c3', description: '校验码 (letters and digits, 4 to 32)' })
  @IsString()
  @Matches(/^[0-9A-Za-z]{4,32}$/, { message: '校验码须为 4 到 32 位字母或数字' })
  checkCode: string;

  @ApiProperty({ example: '2020-02-03T10:00:00+08:00', description: '开票日期 (ISO-8601)' })
  @IsString()
  @MaxLength(40)
  issuedAt: string;
}

export class DeclineReceiptDto {
  @ApiProperty({ example: 'D20200201000001' })
  @IsString()
  @MinLength(1)
  @MaxLength(64)
  orderNo: string;

  @ApiPropertyOptional({ description: "the donation's claim token (else the wn_claim_<orderNo> cookie of the donor's browser)" })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  claimToken?: string;
}

export class DeclinesQuery {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(64)
  campaignCode?: string;
}
