import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsInt, IsOptional, IsString, Matches, MaxLength, MinLength, ValidateIf, ValidateNested } from 'class-validator';
import { ISO_TIMESTAMP } from '../../common/text';
import { MAX_LINES } from './create-in-kind-donation.dto';
import { IsFen } from '../../common/validation';

/** A change to one line still outstanding; a field left out stays as it is, null clears it. */
export class PledgeLineChangeDto {
  @ApiProperty({ example: 'medical-protective-mask', description: 'a line of this pledge' })
  @IsString()
  @MaxLength(63)
  itemCode: string;

  @ApiPropertyOptional({
    example: 800,
    description: 'new pledged quantity; not below what was already inspected (accepted + rejected) → else 422 QUANTITY_BELOW_INSPECTED',
  })
  @IsOptional()
  @IsInt({ message: 'quantity must be an integer' })
  quantity?: number;

  @ApiPropertyOptional({ type: Number, example: 960000, nullable: true, description: 'declared value of the whole line, integer fen; null: no declared value' })
  @ValidateIf((_, v) => v !== undefined && v !== null)
  @IsFen()
  valuationFen?: number | null;

  @ApiPropertyOptional({ type: String, example: 'GB 19083-2010，50只/盒', nullable: true })
  @ValidateIf((_, v) => v !== undefined && v !== null)
  @IsString()
  @MaxLength(200)
  spec?: string | null;

  @ApiPropertyOptional({ type: String, example: '20200115B', nullable: true })
  @ValidateIf((_, v) => v !== undefined && v !== null)
  @IsString()
  @MaxLength(64)
  batch?: string | null;

  @ApiPropertyOptional({ type: String, example: '2022-02-28', nullable: true, description: 'expiry date; null clears it' })
  @ValidateIf((_, v) => v !== undefined && v !== null)
  @IsString()
  @Matches(ISO_TIMESTAMP, { message: 'expiresAt must be an ISO-8601 date' })
  expiresAt?: string | null;
}

export class UpdateInKindDonationDto {
  @ApiProperty({ type: [PledgeLineChangeDto], description: `1-${MAX_LINES} changes, one per item` })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_LINES)
  @ValidateNested({ each: true })
  @Type(() => PledgeLineChangeDto)
  items: PledgeLineChangeDto[];

  @ApiPropertyOptional({ example: '捐赠方来电：第二批改为800只', description: 'why the pledge changed; kept in the audit log' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  reason?: string;
}

export class CancelInKindDonationDto {
  @ApiProperty({ example: '捐赠方告知余下物资无法发货', description: 'why the outstanding remainder will not come' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  reason: string;
}
