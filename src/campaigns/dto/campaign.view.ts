import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  FenProperty,
  NullableDateTimeProperty,
  NullableFenProperty,
  NullableStringProperty,
  NullableYuanProperty,
  YuanProperty,
} from '../../common/dto/view-properties';
import { formatYuan } from '../../common/money';
import { Campaign, campaignStatus, CampaignStatus } from '../campaign.entity';
import type { CampaignDisclosure } from '../campaign-disclosure';
import type { CampaignFund } from '../campaign-fund.entity';

/** What a fundraising page must show about who raises the money (《慈善组织信息公开办法》): only the fields set. */
export class CampaignDisclosureView {
  @ApiPropertyOptional({ example: '武汉市慈善总会' })
  organizationName?: string;

  @ApiPropertyOptional({ description: '统一社会信用代码 (GB 32100)', example: '53420100MJH5658770' })
  organizationCreditCode?: string;

  @ApiPropertyOptional({ description: '公开募捐资格证书' })
  fundraisingQualification?: string;

  @ApiPropertyOptional({ description: '慈善中国备案编号' })
  filingNumber?: string;

  @ApiPropertyOptional({ description: 'a phone or address for questions' })
  contact?: string;
}

export class CampaignFundView {
  @ApiProperty({ example: 'medical' })
  code: string;

  @ApiProperty({ example: '医疗物资' })
  name: string;
}

export class CampaignView {
  @ApiProperty({ example: 'warm-wuhan' })
  code: string;

  @ApiProperty({ example: '温暖武汉' })
  title: string;

  @NullableFenProperty({ example: 100000000 })
  goalFen: number | null;

  @NullableYuanProperty('1000000.00')
  goalYuan: string | null;

  @FenProperty({ description: 'integer fen: a gift at or above it may get a receipt', example: 10000 })
  receiptThresholdFen: number;

  @YuanProperty()
  receiptThresholdYuan: string;

  @ApiProperty({ description: 'receipt numbers are <prefix>-<year>-<8 digits>', example: 'WH' })
  receiptPrefix: string;

  @ApiProperty()
  autoApproveReceipts: boolean;

  @ApiProperty({ description: 'the issuing organisation on receipts', example: '温暖基金会' })
  organisation: string;

  @NullableStringProperty({ description: '收款人 on its receipts' })
  receiptPayee: string | null;

  @NullableDateTimeProperty()
  startsAt: string | null;

  @NullableDateTimeProperty()
  endsAt: string | null;

  @ApiProperty({ enum: ['upcoming', 'active', 'ended'] })
  status: CampaignStatus;

  @ApiProperty({ description: 'the page its QR code opens', example: 'http://localhost:3000/donate/warm-wuhan' })
  donateUrl: string;

  @ApiProperty({ type: () => CampaignDisclosureView, nullable: true })
  disclosure: CampaignDisclosure | null;

  @ApiProperty({ description: 'how often the campaign publishes its accounts', example: 90 })
  disclosureIntervalDays: number;

  @ApiProperty({ type: () => [CampaignFundView], description: 'designated funds (定向捐赠), in order' })
  funds: CampaignFundView[];
}

export class CampaignListView {
  @ApiProperty({ type: () => [CampaignView] })
  items: CampaignView[];
}

export function toCampaignView(c: Campaign, funds: Pick<CampaignFund, 'code' | 'name'>[], donateUrl: string): CampaignView {
  return {
    code: c.code,
    title: c.title,
    goalFen: c.goalFen,
    goalYuan: c.goalFen === null ? null : formatYuan(c.goalFen),
    receiptThresholdFen: c.receiptThresholdFen,
    receiptThresholdYuan: formatYuan(c.receiptThresholdFen),
    receiptPrefix: c.receiptPrefix,
    autoApproveReceipts: c.autoApproveReceipts,
    organisation: c.organisation,
    receiptPayee: c.receiptPayee,
    startsAt: c.startsAt?.toISOString() ?? null,
    endsAt: c.endsAt?.toISOString() ?? null,
    status: campaignStatus(c),
    donateUrl,
    disclosure: c.disclosure && Object.keys(c.disclosure).length > 0 ? c.disclosure : null,
    disclosureIntervalDays: c.disclosureIntervalDays,
    funds: funds.map((f) => ({ code: f.code, name: f.name })),
  };
}
