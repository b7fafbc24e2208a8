import { CampaignDisclosure, disclosureLines } from '../campaigns/campaign-disclosure';
import { beijingMinute } from '../common/beijing-time';
import { groupedYuan } from '../common/money';
import type { DisclosureSchedule } from '../publications/disclosure-schedule';
import type { DailyAmountView, TotalsView, WallItemView } from '../totals/dto/totals.view';
import { progressPermille } from '../totals/progress';

export interface CampaignPageInput {
  campaign: { code: string; title: string; organisation: string; status: string; goalFen: number | null };
  disclosure?: CampaignDisclosure | null;
  totals: TotalsView;
  daily: DailyAmountView[];
  wall: WallItemView[];
  disbursements: {
    amountFen: number;
    recipient: string;
    purpose: string;
    date: string;
    attachmentUrl: string | null;
    fundCode?: string | null;
    fundName?: string | null;
    voided?: boolean;
    voidReason?: string | null;
    voidedAt?: string | null;
    bankReference?: string | null;
    attachmentWithheld?: boolean;
    exceeding?: 'confirmed' | 'pending' | null;
    confirmation?: { confirmedBy: string; receivedAt: string; amountReceivedFen: number; note: string | null } | null;
  }[];
  publications: {
    id: string;
    seq: number;
    asOf: string;
    sha256: string;
    chainSha256: string;
    rowCount: number;
    totals: { amountFen: number; donationCount: number };
    kind?: string;
    corrections?: { recipient: string; amountFen: number; reason: string }[];
  }[];
  schedule?: DisclosureSchedule;
  deliveries?: {
    recipient: string;
    distributedAt: string;
    items: { name: string; unit: string; quantity: number }[];
    confirmation: { confirmedBy: string; receivedAt: string; items: { itemCode: string; quantity: number; name?: string }[]; note: string | null } | null;
  }[];
  plans?: {
    id: string;
    title: string;
    totalFen: number;
    paidFen: number;
    paidCount: number;
    lines: {
      lineNo: number;
      recipient: string;
      amountFen: number;
      purpose: string;
      paid: boolean;
      paidOn: string | null;
      confirmed?: boolean;
      tier?: string | null;
    }[];
    tiers?: { name: string; amountFen: number; count: number }[];
  }[];
}

/** Chart geometry, in SVG user units (the SVG scales to the screen width). */
const CHART = { width: 320, height: 120, top: 8, bottom: 20 };

/** Everything the page template shows, as display-ready values: the template only lays them out. */
export function campaignPageView(input: CampaignPageInput) {
  const { campaign, totals } = input;
  const permille = progressPermille(totals.amountFen, campaign.goalFen);
  // Live disbursements beyond what was received that staff have not confirmed: marked, never hidden.
  const pending = input.disbursements.filter((d) => d.exceeding === 'pending' && !d.voided);
  const pendingFunds = new Set(pending.map((d) => d.fundCode).filter((c): c is string => !!c));
  return {
    title: `${campaign.title} · 善款公示`,
    pageScript: 'campaign',
    code: campaign.code,
    campaign: { ...campaign, goalYuan: campaign.goalFen === null ? null : groupedYuan(campaign.goalFen) },
    figures: {
      amountYuan: groupedYuan(totals.amountFen),
      todayYuan: groupedYuan(totals.todayAmountFen),
      disbursedYuan: groupedYuan(totals.disbursedFen),
      donorCount: totals.donorCount.toLocaleString('en-US'),
      donationCount: totals.donationCount.toLocaleString('en-US'),
      updatedAt: beijingMinute(totals.updatedAt),
    },
    totals,
    progress: permille === null ? null : { permille, label: `${Math.floor(permille / 10)}.${permille % 10}%` },
    chart: chart(input.daily),
    inKind: totals.inKind.map((line) => ({
      ...line,
      received: line.receivedQuantity.toLocaleString('en-US'),
      distributed: line.distributedQuantity.toLocaleString('en-US'),
    })),
    wall: input.wall.map((w) => ({ name: w.name, amountYuan: groupedYuan(w.amountFen), time: beijingMinute(w.paidAt), message: w.message ?? null })),
    disclosure: disclosureLines(input.disclosure ?? null),
    funds: (totals.funds ?? []).map((f) => ({
      ...f,
      amountYuan: groupedYuan(f.amountFen),
      disbursedYuan: groupedYuan(f.disbursedFen),
      over: f.disbursedFen > f.amountFen,
      overLabel: pendingFunds.has(f.code) ? '超出收到金额，待确认' : '超出收到金额，已经工作人员确认',
    })),
    pendingExceedingCount: pending.length,
    disbursements: input.disbursements.map((d) => ({
      ...d,
      amountYuan: groupedYuan(d.amountFen),
      voided: d.voided ?? false,
      voidedAtLabel: d.voidedAt ? beijingMinute(d.voidedAt) : null,
      exceedingLabel: d.voided || !d.exceeding ? null : d.exceeding === 'pending' ? '超出已收款，待确认' : '超出已收款，已经工作人员确认',
      confirmation: d.confirmation
        ? {
            ...d.confirmation,
            receivedAtLabel: beijingMinute(d.confirmation.receivedAt),
            amountYuan: groupedYuan(d.confirmation.amountReceivedFen),
          }
        : null,
    })),
    corrections: input.disbursements
      .filter((d) => d.voided)
      .map((d) => ({
        recipient: d.recipient,
        amountYuan: groupedYuan(d.amountFen),
        date: d.date,
        reason: d.voidReason ?? '',
        voidedAtLabel: d.voidedAt ? beijingMinute(d.voidedAt) : '',
      })),
    publications: input.publications.map((p) => ({
      ...p,
      asOfLabel: beijingMinute(p.asOf),
      amountYuan: groupedYuan(p.totals.amountFen),
      donationCount: p.totals.donationCount.toLocaleString('en-US'),
      csvUrl: `/api/campaigns/${encodeURIComponent(campaign.code)}/publications/${p.id}.csv`,
      kindLabel: p.kind === 'final' ? '结项公示' : p.kind === 'scheduled' ? '定期公示' : '',
      correctionCount: p.corrections?.length ?? 0,
    })),
    deliveries: (input.deliveries ?? []).map((d) => ({
      ...d,
      distributedAtLabel: beijingMinute(d.distributedAt),
      itemsLabel: d.items.map((i) => `${i.name} ${i.quantity.toLocaleString('en-US')} ${i.unit}`).join('，'),
      confirmation: d.confirmation
        ? {
            ...d.confirmation,
            receivedAtLabel: beijingMinute(d.confirmation.receivedAt),
            itemsLabel: d.confirmation.items.map((q) => `${q.name ?? q.itemCode} ${q.quantity.toLocaleString('en-US')}`).join('，'),
          }
        : null,
    })),
    plans: (input.plans ?? []).map((p) => ({
      ...p,
      totalYuan: groupedYuan(p.totalFen),
      paidYuan: groupedYuan(p.paidFen),
      lines: p.lines.map((l) => ({ ...l, amountYuan: groupedYuan(l.amountFen) })),
      tiersLabel: (p.tiers ?? []).map((t) => `${t.name} ¥${groupedYuan(t.amountFen)} × ${t.count}`).join('，'),
    })),
    schedule: input.schedule
      ? {
          ...input.schedule,
          nextDueLabel: input.schedule.nextDueAt ? beijingMinute(input.schedule.nextDueAt) : null,
          finalDeadlineLabel: input.schedule.finalDeadline ? beijingMinute(input.schedule.finalDeadline) : null,
        }
      : null,
  };
}

/** Bars of the daily amounts, scaled to the largest day; heights are whole units (the script rescales the same way). */
function chart(days: DailyAmountView[]) {
  const plot = CHART.height - CHART.top - CHART.bottom;
  const max = Math.max(0, ...days.map((d) => d.amountFen));
  const slot = CHART.width / Math.max(1, days.length);
  const barWidth = Math.max(2, Math.floor(slot * 0.7));
  const bars = days.map((d, i) => {
    const height = max === 0 ? 0 : Math.max(d.amountFen > 0 ? 1 : 0, Math.round((d.amountFen / max) * plot));
    return {
      day: d.day,
      fen: d.amountFen,
      label: `${d.day.slice(5)}：¥${groupedYuan(d.amountFen)}，${d.donationCount} 笔`,
      x: Math.round(i * slot + (slot - barWidth) / 2),
      y: CHART.top + plot - height,
      width: barWidth,
      height,
    };
  });
  const ticks =
    days.length === 0
      ? []
      : [0, Math.floor((days.length - 1) / 2), days.length - 1].map((i) => ({ x: Math.round(i * slot + slot / 2), text: days[i].day.slice(5) }));
  return { ...CHART, plot, bars, ticks, maxYuan: groupedYuan(max), totalDays: days.length, baseline: CHART.top + plot };
}
