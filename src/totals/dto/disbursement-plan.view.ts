import { ApiProperty } from '@nestjs/swagger';
import { formatYuan } from '../../common/money';
import type { PlanLineRow, PlanRow } from '../disbursement-plans.repository';
import { FenProperty, NullableDateTimeProperty, NullableStringProperty, UuidProperty, YuanProperty } from '../../common/dto/view-properties';

export class PlanTierView {
  @ApiProperty({ example: '大型社区' })
  name: string;

  @FenProperty({ description: 'integer fen per line of the tier', example: 10000000 })
  amountFen: number;

  @ApiProperty({ description: 'lines given by this tier', example: 3 })
  count: number;

  @YuanProperty('100000.00')
  amountYuan: string;
}

export class PlanLineView {
  @ApiProperty({ example: 1 })
  lineNo: number;

  @ApiProperty({ example: '朝阳区某某社区' })
  recipient: string;

  @FenProperty({ example: 5000000 })
  amountFen: number;

  @ApiProperty()
  purpose: string;

  @NullableStringProperty({ description: "the plan's tier the line was given by, or null for an amount of its own" })
  tier: string | null;

  @NullableStringProperty({ description: 'the disbursement that paid it' })
  disbursementId: string | null;

  @ApiProperty({ format: 'date', nullable: true, type: String })
  paidOn: string | null;

  @NullableStringProperty()
  bankReference: string | null;

  @ApiProperty({ enum: ['public', 'withheld'], nullable: true, type: String, description: "the paying disbursement's proof" })
  proof: 'public' | 'withheld' | null;

  @ApiProperty({ description: 'the recipient unit confirmed the money arrived' })
  confirmed: boolean;

  @YuanProperty('50000.00')
  amountYuan: string;

  @ApiProperty()
  paid: boolean;
}

/** A disbursement plan (拨付计划): its lines, by tier, and what is paid. */
export class DisbursementPlanView {
  @UuidProperty()
  id: string;

  @ApiProperty()
  title: string;

  @FenProperty({ description: 'integer fen: the sum of its lines', example: 15000000 })
  totalFen: number;

  @YuanProperty('150000.00')
  totalYuan: string;

  @NullableStringProperty()
  fundCode: string | null;

  @ApiProperty({ enum: ['draft', 'approved'] })
  status: string;

  @NullableDateTimeProperty()
  approvedAt: string | null;

  @FenProperty({ description: 'integer fen paid so far' })
  paidFen: number;

  @ApiProperty()
  paidCount: number;

  @ApiProperty({ type: () => [PlanTierView] })
  tiers: PlanTierView[];

  @ApiProperty({ type: () => [PlanLineView] })
  lines: PlanLineView[];
}

/** A plan with its lines; paidFen and paidCount count the lines a disbursement paid. */
export function toDisbursementPlanView(plan: PlanRow, lines: PlanLineRow[], fundCode: string | null): DisbursementPlanView {
  const paidFen = lines.filter((l) => l.disbursementId).reduce((sum, l) => sum + l.amountFen, 0);
  const tiers = new Map<string, { name: string; amountFen: number; count: number }>();
  for (const l of lines) {
    if (!l.tier) continue;
    const tier = tiers.get(l.tier) ?? { name: l.tier, amountFen: l.amountFen, count: 0 };
    tier.count += 1;
    tiers.set(l.tier, tier);
  }
  return {
    id: plan.id,
    title: plan.title,
    totalFen: plan.totalFen,
    totalYuan: formatYuan(plan.totalFen),
    fundCode,
    status: plan.status,
    approvedAt: plan.approvedAt ? new Date(plan.approvedAt).toISOString() : null,
    paidFen,
    paidCount: lines.filter((l) => l.disbursementId).length,
    // The tiers the lines were given by, in the order they first appear, with how many units each.
    tiers: [...tiers.values()].map((t) => ({ ...t, amountYuan: formatYuan(t.amountFen) })),
    lines: lines.map((l) => ({ ...l, amountYuan: formatYuan(l.amountFen), paid: l.disbursementId !== null })),
  };
}

export class DisbursementPlanListView {
  @ApiProperty({ type: () => [DisbursementPlanView] })
  items: DisbursementPlanView[];
}
