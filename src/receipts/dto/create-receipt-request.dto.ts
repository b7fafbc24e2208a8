import { ApiProperty, ApiPropertyOptional, OmitType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsOptional, IsString, MaxLength, MinLength, ValidateNested } from 'class-validator';
import { IsFen } from '../../common/validation';

export const DONOR_TYPES = ['individual', 'organization'] as const;
/** An aggregate receipt (合并开具) lists 2 to 50 gifts. */
export const MAX_AGGREGATE_GIFTS = 50;

/** One gift of an aggregate request: its order number and the claim token that proves it is the donor's. */
export class AggregateOrderDto {
  @ApiProperty({ example: 'WH2020020112345678901234' })
  @IsString()
  @MinLength(1)
  @MaxLength(64)
  orderNo: string;

  @ApiPropertyOptional({ description: "the order's claimToken; else the HttpOnly cookie wn_claim_<orderNo> the donor's browser holds" })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  claimToken?: string;
}

/**
 * A donor's receipt request. Format checks that need domain rules (ID check digit, credit code,
 * phone, email, threshold) are done by the service, so each refusal gets its own 422 code.
 */
export class CreateReceiptRequestDto {
  @ApiProperty({ example: 'warm-wuhan' })
  @IsString()
  @MinLength(1)
  @MaxLength(63)
  campaignCode: string;

  @ApiPropertyOptional({ example: 'WH202002011234567890', description: 'the order number of an online donation' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  orderNo?: string;

  @ApiPropertyOptional({ example: 'BOC20200201-0001', description: 'the bank reference of a bank transfer' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  bankReference?: string;

  @ApiPropertyOptional({
    description:
      'the claimToken returned when the donation was created (or the HttpOnly cookie wn_claim_<orderNo> the donor page holds): only a request with it is issued automatically; without it the request waits for staff review',
  })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  claimToken?: string;

  @ApiPropertyOptional({
    type: [AggregateOrderDto],
    description:
      'An aggregate receipt (合并开具): one record for 2-50 gifts of this campaign (and one fund), instead of orderNo/bankReference/claimToken. ' +
      'amountFen is then their total. With every claim token (item or cookie) valid: 422 DUPLICATE_ORDER, AGGREGATE_MIXED_CAMPAIGNS, AGGREGATE_MIXED_FUNDS, DONATION_NOT_PAID, DONATION_REFUNDED, AMOUNT_MISMATCH, 409 RECEIPT_ALREADY_REQUESTED (a gift on a live request or receipt). ' +
      'Any order without its valid token: 201 pending_review for staff, whatever the orders named',
  })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(2)
  @ArrayMaxSize(MAX_AGGREGATE_GIFTS)
  @ValidateNested({ each: true })
  @Type(() => AggregateOrderDto)
  orders?: AggregateOrderDto[];

  @ApiProperty({
    example: 10000,
    description:
      'integer fen (for an aggregate: the total of its gifts); at least the campaign threshold (10000 = 100.00 yuan by default) → else 422 BELOW_RECEIPT_THRESHOLD',
  })
  @IsFen()
  amountFen: number;

  @ApiProperty({ enum: DONOR_TYPES })
  @IsIn(DONOR_TYPES)
  donorType: (typeof DONOR_TYPES)[number];

  @ApiProperty({
    example: '张伟',
    description:
      'name of the person or organisation; printed on the receipt, so every character must be in its font → else 422 UNPRINTABLE_CHARACTERS (an emoji, say)',
  })
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  name: string;

  @ApiPropertyOptional({ example: '11010519491231002X', description: 'individuals: 18-character ID-card number (GB 11643); encrypted at rest' })
  @IsOptional()
  @IsString()
  @MaxLength(32)
  idNumber?: string;

  @ApiPropertyOptional({ example: '91350100M000100Y43', description: 'organisations: 统一社会信用代码 (GB 32100)' })
  @IsOptional()
  @IsString()
  @MaxLength(32)
  creditCode?: string;

  @ApiProperty({ example: '张伟', description: 'the title printed on the receipt (票据抬头); a character its font lacks → 422 UNPRINTABLE_CHARACTERS' })
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  invoiceTitle: string;

  @ApiProperty({ example: '13800138000', description: 'mainland mobile; encrypted at rest' })
  @IsString()
  @MaxLength(20)
  phone: string;

  @ApiProperty({ example: 'zhang.wei@example.com', description: 'the receipt PDF is emailed here; encrypted at rest' })
  @IsString()
  @MaxLength(254)
  email: string;

  @ApiPropertyOptional({ example: '湖北省武汉市洪山区珞喻路1037号', description: 'encrypted at rest' })
  @IsOptional()
  @IsString()
  @MaxLength(300)
  mailingAddress?: string;
}

/** A receipt for received goods, asked for by staff on the donor's behalf: the donor's details only. */
export class GoodsReceiptRequestDto extends OmitType(CreateReceiptRequestDto, [
  'campaignCode',
  'orderNo',
  'bankReference',
  'claimToken',
  'amountFen',
  'orders',
] as const) {}

/**
 * Staff ask for an aggregate receipt on behalf of a donor they verified (bank transfers, a donor who
 * lost the browser that holds the tokens): the orders by number, queued at once.
 */
export class StaffAggregateReceiptRequestDto extends OmitType(CreateReceiptRequestDto, [
  'orderNo',
  'bankReference',
  'claimToken',
  'amountFen',
  'orders',
] as const) {
  @ApiProperty({ type: [String], description: '2-50 order numbers of paid gifts of this campaign and one fund (bank transfers have one too)' })
  @IsArray()
  @ArrayMinSize(2)
  @ArrayMaxSize(MAX_AGGREGATE_GIFTS)
  @IsString({ each: true })
  @MaxLength(64, { each: true })
  orderNos: string[];

  @ApiPropertyOptional({ description: 'the total the donor expects, integer fen; when given it must equal the sum (422 AMOUNT_MISMATCH)' })
  @IsOptional()
  @IsFen({ message: '$property must be an integer number' })
  amountFen?: number;
}
