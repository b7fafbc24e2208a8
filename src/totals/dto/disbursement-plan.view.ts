import { ApiProperty } from '@nestjs/swagger';

const nullableString = { nullable: true, type: String } as const;

export class PlanTierView {
  @ApiProperty({ example: '大型社区' })
  name: string;

  @ApiProperty({ description: 'integer fen per line of the tier', example: 10000000 })
  amountFen: number;

  @ApiProperty({ description: 'lines given by this tier', example: 3 })
  count: number;

  @ApiProperty({ example: '100000.00' })
  amountYuan: string;
}

export class PlanLineView {
  @ApiProperty({ example: 1 })
  lineNo: number;

  @ApiProperty({ example: '朝阳区某某社区' })
  recipient: string;

  @ApiProperty({ description: 'integer fen', example: 5000000 })
  amountFen: number;

  @ApiProperty()
  purpose: string;

  @ApiProperty({ ...nullableString, description: "the plan's tier the line was given by, or null for an amount of its own" })
  tier: string | null;

  @ApiProperty({ ...nullableString, description: 'the disbursement that paid it' })
  disbursementId: string | null;

  @ApiProperty({ format: 'date', nullable: true, type: String })
  paidOn: string | null;

  @ApiProperty(nullableString)
  bankReference: string | null;

  @ApiProperty({ enum: ['public', 'withheld'], nullable: true, type: String, description: "the paying disbursement's proof" })
  proof: 'public' | 'withheld' | null;

  @ApiProperty({ description: 'the recipient unit confirmed the money arrived' })
  confirmed: boolean;

  @ApiProperty({ example: '50000.00' })
  amountYuan: string;

  @ApiProperty()
  paid: boolean;
}

/** A disbursement plan (拨付计划): its lines, by tier, and what is paid. */
export class DisbursementPlanView {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty()
  title: string;

  @ApiProperty({ description: 'integer fen: the sum of its lines', example: 15000000 })
  totalFen: number;

  @ApiProperty({ example: '150000.00' })
  totalYuan: string;

  @ApiProperty(nullableString)
  fundCode: string | null;

  @ApiProperty({ enum: ['draft', 'approved'] })
  status: string;

  @ApiProperty({ format: 'date-time', nullable: true, type: String })
  approvedAt: string | null;

  @ApiProperty({ description: 'integer fen paid so far' })
  paidFen: number;

  @ApiProperty()
  paidCount: number;

  @ApiProperty({ type: () => [PlanTierView] })
  tiers: PlanTierView[];

  @ApiProperty({ type: () => [PlanLineView] })
  lines: PlanLineView[];
}

export class DisbursementPlanListView {
  @ApiProperty({ type: () => [DisbursementPlanView] })
  items: DisbursementPlanView[];
}
