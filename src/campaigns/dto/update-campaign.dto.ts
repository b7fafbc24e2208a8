import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsObject, IsOptional, Max, Min, ValidateNested } from 'class-validator';
import { CampaignDisclosureDto } from './campaign-disclosure.dto';

/** What an admin may change on a campaign after it was created (audited). */
export class UpdateCampaignDto {
  @ApiPropertyOptional({ type: CampaignDisclosureDto, nullable: true, description: 'replaces the disclosure; null clears it' })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => CampaignDisclosureDto)
  disclosure?: CampaignDisclosureDto | null;

  @ApiPropertyOptional({
    example: 90,
    default: 90,
    minimum: 1,
    maximum: 90,
    description: 'a publication is due at least this often (days; the law asks every three months at most)',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(90)
  disclosureIntervalDays?: number;
}
