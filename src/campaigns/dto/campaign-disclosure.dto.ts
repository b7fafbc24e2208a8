import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { NO_CONTROL_CHARACTERS } from '../../common/text';

/**
 * What 《慈善组织信息公开办法》 asks a fundraising page to show. Every field is optional; the pages
 * show each one that is set. An empty string clears a field.
 */
export class CampaignDisclosureDto {
  @ApiPropertyOptional({ example: '北京市温暖基金会', description: 'the charity organising the fundraising' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  @Matches(NO_CONTROL_CHARACTERS, { message: 'organizationName must not contain control characters' })
  organizationName?: string;

  @ApiPropertyOptional({ example: '53110000500000000G', description: '统一社会信用代码, checked by GB 32100 (422 INVALID_CREDIT_CODE)' })
  @IsOptional()
  @IsString()
  @MaxLength(18)
  organizationCreditCode?: string;

  @ApiPropertyOptional({ example: '京民慈公募〔2017〕第 1 号', description: '公开募捐资格证书 (its number or wording)' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  @Matches(NO_CONTROL_CHARACTERS, { message: 'fundraisingQualification must not contain control characters' })
  fundraisingQualification?: string;

  @ApiPropertyOptional({ example: '53110000500000000G20200001', description: "the plan's 备案编号 on 慈善中国" })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  @Matches(NO_CONTROL_CHARACTERS, { message: 'filingNumber must not contain control characters' })
  filingNumber?: string;

  @ApiPropertyOptional({ example: '010-12345678，北京市东城区某街 1 号', description: 'a phone or address for questions (public)' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  @Matches(NO_CONTROL_CHARACTERS, { message: 'contact must not contain control characters' })
  contact?: string;
}

export class CampaignFundDto {
  @ApiPropertyOptional({ example: 'medical', description: 'lower-case letters, digits and dashes, unique in the campaign' })
  @IsString()
  @Matches(/^[a-z0-9][a-z0-9-]{0,62}$/, { message: 'fund code must be 1-63 lower-case letters, digits or dashes' })
  code: string;

  @ApiPropertyOptional({ example: '医疗救治' })
  @IsString()
  @MaxLength(100)
  @Matches(/^[^\u0000-\u001F\u007F-\u009F]+$/, { message: 'fund name must be 1-100 characters without control characters' })
  name: string;
}
