import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CampaignCodeProperty, DateTimeProperty, FenProperty, NullableFenProperty } from '../../common/dto/view-properties';
import { maskName } from '../../common/masking';
import type { InKindLine } from '../in-kind-totals';
import type { CampaignFiguresRow, WallRow } from '../totals-reads.repository';
import { wallMessage } from '../wall-message';

/** An item of the goods catalogue as a line of goods names it (the totals, pledges, stock, distributions). */
export class GoodsItemRefView {
  @ApiProperty({ example: 'n95-mask' })
  itemCode: string;

  @ApiProperty({ example: 'N95口罩' })
  name: string;

  @ApiProperty({ example: '只' })
  unit: string;
}

export class InKindTotalsLineView extends GoodsItemRefView {
  @ApiProperty({ description: 'accepted at inspection', example: 1000 })
  receivedQuantity: number;

  @ApiProperty({ example: 200 })
  distributedQuantity: number;
}

export class FundTotalsView {
  @ApiProperty({ example: 'medical' })
  code: string;

  @ApiProperty({ example: '医疗物资' })
  name: string;

  @FenProperty({ description: 'integer fen received for this fund', example: 500000 })
  amountFen: number;

  @FenProperty({ description: 'integer fen disbursed from it (voided ones not counted)', example: 100000 })
  disbursedFen: number;
}

/** GET /api/campaigns/:code/totals (and every event of its stream): paid cash and accepted goods only. */
export class TotalsView {
  @CampaignCodeProperty()
  campaignCode: string;

  @ApiProperty({ example: 12 })
  donorCount: number;

  @ApiProperty({ example: 15 })
  donationCount: number;

  @FenProperty({ example: 1234500 })
  amountFen: number;

  @FenProperty({ description: 'integer fen paid today (Beijing time)', example: 10000 })
  todayAmountFen: number;

  @NullableFenProperty({ example: 100000000 })
  goalFen: number | null;

  @FenProperty({ example: 0 })
  disbursedFen: number;

  @ApiProperty({ type: () => [InKindTotalsLineView] })
  inKind: InKindTotalsLineView[];

  @ApiPropertyOptional({ type: () => [FundTotalsView], description: 'only when the campaign has designated funds' })
  funds?: FundTotalsView[];

  @DateTimeProperty()
  updatedAt: string;
}

/** The public totals of a campaign: its counters, its goods, and its funds (only when it has some). */
export function toTotalsView(row: CampaignFiguresRow, inKind: InKindLine[], funds: FundTotalsView[]): TotalsView {
  const times = [row.updatedAt, row.disbursedAt, row.createdAt].filter((d): d is Date => d instanceof Date).map((d) => d.getTime());
  return {
    campaignCode: row.code,
    donorCount: row.donorCount,
    donationCount: row.donationCount,
    amountFen: row.amountFen,
    todayAmountFen: row.todayFen,
    goalFen: row.goalFen,
    disbursedFen: row.disbursedFen,
    inKind,
    ...(funds.length > 0 ? { funds } : {}),
    updatedAt: new Date(Math.max(...times)).toISOString(),
  };
}

export class WallItemView {
  @ApiProperty({ description: 'masked (张*), or 爱心人士 when anonymous', example: '张*' })
  name: string;

  @FenProperty()
  amountFen: number;

  @DateTimeProperty()
  paidAt: string;

  @ApiPropertyOptional({ description: 'a designated gift (定向捐赠)', example: 'medical' })
  fundCode?: string;

  @ApiPropertyOptional({ example: '医疗物资' })
  fundName?: string;

  @ApiPropertyOptional({ description: "the donor's message, cleaned (contact data masked as ***); absent once staff hid it", example: '武汉加油' })
  message?: string;
}

/** The name masked (爱心人士 when anonymous), the message cleaned; the fund only for a designated gift. */
export function toWallItemView(r: WallRow): WallItemView {
  const message = wallMessage(r.message);
  return {
    name: maskName(r.donorName, r.anonymous),
    amountFen: r.amountFen,
    paidAt: r.paidAt.toISOString(),
    ...(r.fundCode ? { fundCode: r.fundCode, fundName: String(r.fundName) } : {}),
    ...(message ? { message } : {}),
  };
}

export class WallView {
  @ApiProperty({ type: () => [WallItemView], description: 'newest first, only donors who agreed to be shown' })
  items: WallItemView[];
}

export class DailyAmountView {
  @ApiProperty({ description: 'YYYY-MM-DD in Beijing time', example: '2026-12-02' })
  day: string;

  @FenProperty()
  amountFen: number;

  @ApiProperty({ example: 1 })
  donationCount: number;
}

export class DailyView {
  @ApiProperty({ type: () => [DailyAmountView], description: 'oldest first, one per day, today last' })
  items: DailyAmountView[];
}
