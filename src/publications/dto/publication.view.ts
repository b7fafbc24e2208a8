import { ApiProperty, OmitType } from '@nestjs/swagger';
import { DateTimeProperty, FenProperty, NullableDateTimeProperty, NullableStringProperty, UuidProperty } from '../../common/dto/view-properties';
import { TotalsView } from '../../totals/dto/totals.view';
import type { PublicationRow } from '../publications.repository';

/** The figures a publication froze: the totals as they were (without the campaign code). */
export class PublicationTotalsView extends OmitType(TotalsView, ['campaignCode'] as const) {}

export class PublicationCorrectionView {
  @ApiProperty({ enum: ['disbursement_voided'] })
  kind: 'disbursement_voided';

  @UuidProperty()
  disbursementId: string;

  @ApiProperty()
  recipient: string;

  @FenProperty()
  amountFen: number;

  @ApiProperty({ format: 'date' })
  date: string;

  @ApiProperty()
  reason: string;

  @DateTimeProperty()
  voidedAt: string;
}

/** A frozen snapshot (捐赠数据公示): its figures, the hash of its CSV, and the hash chain. */
export class PublicationView {
  @UuidProperty()
  id: string;

  @ApiProperty({ example: 1 })
  seq: number;

  @DateTimeProperty()
  asOf: string;

  @ApiProperty({ type: () => PublicationTotalsView })
  totals: PublicationTotalsView;

  @ApiProperty({ description: 'SHA-256 (hex) of the CSV bytes' })
  sha256: string;

  @ApiProperty({ description: 'paid donations listed in the CSV' })
  rowCount: number;

  @NullableStringProperty({ description: "the previous snapshot's chainSha256" })
  previousChainSha256: string | null;

  @ApiProperty({ description: 'sha256(manifest)' })
  chainSha256: string;

  @ApiProperty({ description: 'the text hashed: the figures, the CSV hash and previousChainSha256' })
  manifest: string;

  @ApiProperty({ example: '/api/campaigns/warm-wuhan/publications/…csv' })
  csvUrl: string;

  @ApiProperty({ type: () => [PublicationCorrectionView], description: 'what was corrected since the previous publication' })
  corrections: PublicationCorrectionView[];

  @ApiProperty({ enum: ['manual', 'scheduled', 'final'] })
  kind: 'manual' | 'scheduled' | 'final';
}

export function toPublicationView(r: PublicationRow, campaignCode: string): PublicationView {
  return {
    id: r.id,
    seq: r.seq,
    asOf: new Date(r.as_of).toISOString(),
    totals: r.totals,
    sha256: r.sha256,
    rowCount: r.row_count,
    previousChainSha256: r.previous_chain_sha256,
    chainSha256: r.chain_sha256,
    manifest: r.manifest,
    csvUrl: `/api/campaigns/${encodeURIComponent(campaignCode)}/publications/${r.id}.csv`,
    corrections: r.corrections ?? [],
    kind: r.kind,
  };
}

export class PublicationListView {
  @ApiProperty({ type: () => [PublicationView], description: 'newest first' })
  items: PublicationView[];
}

export class DisclosureScheduleView {
  @ApiProperty({ example: 90 })
  intervalDays: number;

  @NullableDateTimeProperty()
  lastPublishedAt: string | null;

  @NullableDateTimeProperty({ description: 'null once the final account is out' })
  nextDueAt: string | null;

  @ApiProperty({ enum: ['scheduled', 'final'], nullable: true, type: String })
  nextKind: 'scheduled' | 'final' | null;

  @ApiProperty({ description: 'due and not made yet' })
  overdue: boolean;

  @NullableDateTimeProperty({ description: "the final account's legal deadline, when the campaign has an end" })
  finalDeadline: string | null;

  @ApiProperty()
  finalPublished: boolean;
}
