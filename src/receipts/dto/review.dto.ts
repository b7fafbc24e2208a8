import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsOptional, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';

export class ApproveReceiptRequestDto {
  @ApiPropertyOptional({ description: 'the donation to issue for, when the request was not matched automatically' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  orderNo?: string;
}

export class BulkApproveDto {
  @ApiProperty({ type: [String], description: 'request ids (matched ones only; at most 1000)' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(1000)
  @IsUUID('all', { each: true })
  requestIds: string[];
}

export class ReasonDto {
  @ApiProperty({ example: '付款截图与金额不符', maxLength: 500 })
  @IsString()
  @MinLength(1)
  @MaxLength(500)
  reason: string;
}

export class ReissueReceiptDto {
  @ApiPropertyOptional({ example: '张伟', description: 'a character the receipt font lacks → 422 UNPRINTABLE_CHARACTERS' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  name?: string;

  @ApiPropertyOptional({ example: '武汉市光谷科技有限公司', description: 'a character the receipt font lacks → 422 UNPRINTABLE_CHARACTERS' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  invoiceTitle?: string;

  @ApiPropertyOptional({ example: '抬头有误，按捐赠人要求重开', maxLength: 500 })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(500)
  reason?: string;
}

export class ReceiptRequestQuery {
  @ApiPropertyOptional({ enum: ['pending_review', 'queued', 'issued', 'rejected'] })
  @IsOptional()
  @IsIn(['pending_review', 'queued', 'issued', 'rejected'])
  status?: 'pending_review' | 'queued' | 'issued' | 'rejected';

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(63)
  campaignCode?: string;
}

export class ReceiptSearchQuery {
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(63) campaignCode?: string;
  @ApiPropertyOptional({ enum: ['issued', 'voided'] }) @IsOptional() @IsIn(['issued', 'voided']) status?: 'issued' | 'voided';
  @ApiPropertyOptional({ description: 'receipt number, order number, or part of the donor name or receipt title' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;
}
