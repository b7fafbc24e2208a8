import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { FundTotalsView, InKindTotalsLineView } from '../../totals/dto/totals.view';
import type { PublicationRow } from '../publications.repository';

/** The figures a publication froze: the totals as they were (without the campaign code). */
export class PublicationTotalsView {
  @ApiProperty()
  donorCount: number;

  @ApiProperty()
  donationCount: number;

  @ApiProperty({ description: 'integer fen' })
  amountFen: number;

  @ApiProperty({ description: 'integer fen' })
  todayAmountFen: number;

  @ApiProperty({ description: 'integer fen', nullable: true, type: Number })
  goalFen: number | null;

  @ApiProperty({ description: 'integer fen' })
  disbursedFen: number;

  @ApiProperty({ type: () => [InKindTotalsLineView] })
  inKind: InKindTotalsLineView[];

  @ApiPropertyOptional({ type: () => [FundTotalsView], description: 'only when the campaign has designated funds' })
  funds?: FundTotalsView[];

  @ApiProperty({ format: 'date-time' })
  updatedAt: string;
}

export class PublicationCorrectionView {
  @ApiProperty({ enum: ['disbursement_voided'] })
  kind: 'disbursement_voided';

  @ApiProperty({ format: 'uuid' })
  disbursementId: string;

  @ApiProperty()
  recipient: string;

  @ApiProperty({ description: 'integer fen' })
  amountFen: number;

  @ApiProperty({ format: 'date' })
  date: string;

  @ApiProperty()
  reason: string;

  @ApiProperty({ format: 'date-time' })
  voidedAt: string;
}

/** A frozen snapshot (捐赠数据公示): its figures, the hash of its CSV, and the hash chain. */
export class PublicationView {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ example: 1 })
  seq: number;

  @ApiProperty({ format: 'date-time' })
  asOf: string;

  @ApiProperty({ type: () => PublicationTotalsView })
  totals: PublicationTotalsView;

  @ApiProperty({ description: 'SHA-256 (hex) of the CSV bytes' })
  sha256: string;

  @ApiProperty({ description: 'paid donations listed in the CSV' })
  rowCount: number;

  @ApiProperty({ nullable: true, type: String, description: "the previous snapshot's chainSha256" })
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

  @ApiProperty({ format: 'date-time', nullable: true, type: String })
  lastPublishedAt: string | null;

  @ApiProperty({ format: 'date-time', nullable: true, type: String, description: 'null once the final account is out' })
  nextDueAt: string | null;

  @ApiProperty({ enum: ['scheduled', 'final'], nullable: true, type: String })
  nextKind: 'scheduled' | 'final' | null;

  @ApiProperty({ description: 'due and not made yet' })
  overdue: boolean;

  @ApiProperty({ format: 'date-time', nullable: true, type: String, description: "the final account's legal deadline, when the campaign has an end" })
  finalDeadline: string | null;

  @ApiProperty()
  finalPublished: boolean;
}
