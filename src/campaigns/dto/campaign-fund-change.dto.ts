import { ApiProperty } from '@nestjs/swagger';
import { IsString, Matches, MaxLength } from 'class-validator';

/** A fund's new name (its code stays: donations and disbursements name it). */
export class RenameCampaignFundDto {
  @ApiProperty({ example: '医疗救治' })
  @IsString()
  @MaxLength(100)
  @Matches(/^[^\u0000-\u001F\u007F-\u009F]+$/, { message: 'fund name must be 1-100 characters without control characters' })
  name: string;
}
