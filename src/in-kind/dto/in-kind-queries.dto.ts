import { ApiPropertyOptional, ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min, MinLength } from 'class-validator';
import { IN_KIND_DONATION_STATUSES, InKindDonationStatus } from '../in-kind-donation.entity';

export class CampaignQuery {
  @ApiProperty({ example: 'warm-wuhan' })
  @IsString()
  @MinLength(1)
  @MaxLength(63)
  campaignCode: string;
}

export class ListQuery extends CampaignQuery {
  @ApiPropertyOptional({ default: 100, maximum: 500 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit?: number;
}

export class PledgeListQuery extends ListQuery {
  @ApiPropertyOptional({ enum: IN_KIND_DONATION_STATUSES })
  @IsOptional()
  @IsIn(IN_KIND_DONATION_STATUSES)
  status?: InKindDonationStatus;

  @ApiPropertyOptional({ enum: ['true', 'false'], description: 'true: only pledges with something still outstanding' })
  @IsOptional()
  @IsIn(['true', 'false'])
  outstanding?: 'true' | 'false';
}

export class MovementsQuery extends ListQuery {
  @ApiPropertyOptional({ example: 'medical-protective-mask', description: 'only this item' })
  @IsOptional()
  @IsString()
  @MaxLength(63)
  itemCode?: string;
}
