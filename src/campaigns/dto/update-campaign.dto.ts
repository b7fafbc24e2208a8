import { ApiPropertyOptional, PartialType, PickType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsObject, IsOptional, ValidateNested } from 'class-validator';
import { CampaignDisclosureDto } from './campaign-disclosure.dto';
import { CreateCampaignDto } from './create-campaign.dto';
import { IsFen } from '../../common/validation';

/**
 * What an admin may change on a campaign after it was created (audited), with the very rules of
 * creation: its title, goal, dates, receipt settings and disclosure. The code and the receipt
 * prefix stay (they are in links and receipt numbers). `goalFen`, `startsAt`, `endsAt` and
 * `disclosure` may be cleared with null; a null title, threshold or approval setting changes nothing.
 */
export class UpdateCampaignDto extends PartialType(
  PickType(CreateCampaignDto, ['title', 'receiptThresholdFen', 'autoApproveReceipts', 'startsAt', 'endsAt', 'disclosureIntervalDays', 'receiptPayee'] as const),
) {
  @ApiPropertyOptional({ type: String, nullable: true, format: 'date-time', description: 'null clears it' })
  declare startsAt?: string;

  @ApiPropertyOptional({ type: String, nullable: true, format: 'date-time', description: 'null clears it' })
  declare endsAt?: string;

  @ApiPropertyOptional({ type: String, nullable: true, description: 'the payee printed on receipts; null clears it' })
  declare receiptPayee?: string;

  @ApiPropertyOptional({ type: Number, example: 500000000, nullable: true, description: 'fen; null: no goal' })
  @IsOptional()
  @IsFen({ min: 1, max: Number.MAX_SAFE_INTEGER, message: '$property must be an integer number' })
  goalFen?: number | null;

  @ApiPropertyOptional({ type: CampaignDisclosureDto, nullable: true, description: 'replaces the disclosure; null clears it' })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => CampaignDisclosureDto)
  disclosure?: CampaignDisclosureDto | null;
}
