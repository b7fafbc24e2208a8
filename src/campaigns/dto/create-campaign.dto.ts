import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsInt,
  IsObject,
  IsISO8601,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { CampaignDisclosureDto, CampaignFundDto } from './campaign-disclosure.dto';
import { ISO_TIMESTAMP, NO_CONTROL_CHARACTERS } from '../../common/text';
import { IsCampaignCode, IsFen } from '../../common/validation';

export class CreateCampaignDto {
  @ApiProperty({ example: 'warm-wuhan', description: 'lower-case letters, digits and dashes; used in URLs' })
  @IsCampaignCode({ message: 'code must be 2-63 lower-case letters, digits or dashes' })
  code: string;

  @ApiProperty({ example: '温暖武汉' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  @Matches(NO_CONTROL_CHARACTERS, { message: 'title must not contain control characters' })
  title: string;

  @ApiProperty({
    example: 'WH',
    description:
      '2-8 capital letters, the start of every receipt number (`WH-2020-00000001`); fixed once the campaign exists. ' +
      'Numbers run per prefix and year without gaps and are unique across the foundation: campaigns given the same prefix share one series.',
  })
  @IsString()
  @Matches(/^[A-Z]{2,8}$/, { message: 'receiptPrefix must be 2-8 capital letters' })
  receiptPrefix: string;

  @ApiPropertyOptional({ example: 500000000, description: 'fen' })
  @IsOptional()
  @IsFen({ min: 1, max: Number.MAX_SAFE_INTEGER, message: '$property must be an integer number' })
  goalFen?: number;

  @ApiPropertyOptional({ example: 10000, default: 10000, description: 'fen; gifts of at least this amount may ask for a receipt' })
  @IsOptional()
  @IsFen({ min: 1, max: Number.MAX_SAFE_INTEGER, message: '$property must be an integer number' })
  receiptThresholdFen?: number;

  @ApiPropertyOptional({ example: '2020-02-01T00:00:00+08:00' })
  @IsOptional()
  @IsString()
  @Matches(ISO_TIMESTAMP, { message: 'startsAt must be an ISO-8601 date or timestamp' })
  @IsISO8601({ strict: true })
  startsAt?: string;

  @ApiPropertyOptional({ example: '2020-12-31T23:59:59+08:00' })
  @IsOptional()
  @IsString()
  @Matches(ISO_TIMESTAMP, { message: 'endsAt must be an ISO-8601 date or timestamp' })
  @IsISO8601({ strict: true })
  endsAt?: string;

  @ApiPropertyOptional({ default: true })
  @IsOptional()
  @IsBoolean()
  autoApproveReceipts?: boolean;

  @ApiPropertyOptional({ example: '北京市温暖基金会', description: 'issuing organisation printed on receipts; defaults to ORGANISATION_NAME' })
  @IsOptional()
  @IsString()
  @MinLength(2)
  @MaxLength(100)
  @Matches(NO_CONTROL_CHARACTERS, { message: 'organisation must not contain control characters' })
  organisation?: string;

  @ApiPropertyOptional({
    example: '王会计',
    description: "收款人 printed on its receipts (Art. 6 of the 公益事业捐赠票据 rules), e.g. the foundation's cashier; unset: left blank to sign by hand",
  })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  @Matches(NO_CONTROL_CHARACTERS, { message: 'receiptPayee must not contain control characters' })
  receiptPayee?: string;

  @ApiPropertyOptional({ type: CampaignDisclosureDto, description: 'shown on /donate/:code and /c/:code (《慈善组织信息公开办法》)' })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => CampaignDisclosureDto)
  disclosure?: CampaignDisclosureDto;

  @ApiPropertyOptional({ type: [CampaignFundDto], description: 'designated funds (定向捐赠); codes unique in the campaign' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => CampaignFundDto)
  funds?: CampaignFundDto[];

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
