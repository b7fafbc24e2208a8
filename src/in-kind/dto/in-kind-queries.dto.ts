import { ApiPropertyOptional, ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min, MinLength } from 'class-validator';

export class CampaignQuery {
  @ApiProperty({ example: 'warm-wuhan' })
  @IsString() @MinLength(1) @MaxLength(63)
  campaignCode: string;
}

export class ListQuery extends CampaignQuery {
  @ApiPropertyOptional({ default: 100, maximum: 500 })
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(500)
  limit?: number;
}

export class PledgeListQuery extends ListQuery {
  @ApiPropertyOptional({ enum: ['pledged', 'received'] })
  @IsOptional() @IsIn(['pledged', 'received'])
  status?: 'pledged' | 'received';
}
