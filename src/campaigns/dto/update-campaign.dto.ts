import { ApiPropertyOptional, PickType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsObject, IsOptional, ValidateNested } from 'class-validator';
import { CampaignDisclosureDto } from './campaign-disclosure.dto';
import { CreateCampaignDto } from './create-campaign.dto';

/**
 * What an admin may change on a campaign after it was created (audited): the disclosure interval
 * and the receipts' 收款人 with the very rules of creation, and the disclosure, which may also be cleared.
 */
export class UpdateCampaignDto extends PickType(CreateCampaignDto, ['disclosureIntervalDays', 'receiptPayee'] as const) {
  @ApiPropertyOptional({ type: CampaignDisclosureDto, nullable: true, description: 'replaces the disclosure; null clears it' })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => CampaignDisclosureDto)
  disclosure?: CampaignDisclosureDto | null;
}
