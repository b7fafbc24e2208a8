import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsObject, IsOptional, ValidateNested } from 'class-validator';
import { CampaignDisclosureDto } from './campaign-disclosure.dto';

/** What an admin may change on a campaign after it was created (audited). */
export class UpdateCampaignDto {
  @ApiPropertyOptional({ type: CampaignDisclosureDto, nullable: true, description: 'replaces the disclosure; null clears it' })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => CampaignDisclosureDto)
  disclosure?: CampaignDisclosureDto | null;
}
