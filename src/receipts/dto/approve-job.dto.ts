import { ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';

/** Largest mass approval one job takes (ids listed or found by the filter). */
export const APPROVE_JOB_MAX = 10_000;

/** Either `requestIds`, or a filter: the campaign's requests waiting for review that have a matched donation. */
export class StartApproveJobDto {
  @ApiPropertyOptional({ type: [String], description: `request ids to approve (at most ${APPROVE_JOB_MAX})` })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(APPROVE_JOB_MAX)
  @IsUUID('all', { each: true })
  requestIds?: string[];

  @ApiPropertyOptional({ description: 'instead of requestIds: every request of this campaign waiting for review with a matched (or proposed) donation' })
  @IsOptional()
  @IsString()
  @MaxLength(63)
  campaignCode?: string;

  @ApiPropertyOptional({
    enum: ['pending_review'],
    default: 'pending_review',
    description: 'with campaignCode; only requests waiting for review can be approved',
  })
  @IsOptional()
  @IsIn(['pending_review'])
  status?: 'pending_review';
}
