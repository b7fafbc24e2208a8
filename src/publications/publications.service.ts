import { Inject, Injectable, Optional } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { CampaignsService } from '../campaigns/campaigns.service';
import { DomainError } from '../common/errors';
import { maskName } from '../common/masking';
import { toSafeInteger } from '../database/fen.transformer';
import { AuditLogService } from '../staff/audit/audit-log.service';
import type { StaffPrincipal } from '../staff/auth/staff-principal';
import { IN_KIND_TOTALS, InKindTotals } from '../totals/in-kind-totals';
import { beijingIso, PublishedDonation, renderPublicationCsv } from './publication-csv';
import { PublicationCorrection, publicationManifest, PublicationTotals, sha256Hex } from './publication-manifest';
import { PublicationListView, PublicationView, toPublicationView } from './dto/publication.view';
import { FundRow, PublicationsRepository, SnapshotRow } from './publications.repository';

/**
 * 捐赠数据公示: frozen snapshots of a campaign's figures with the list of every paid donation (masked
 * names). The figures are computed from the same single-statement read of the ledger as the CSV, so
 * they always agree with it; each snapshot's chain hash covers its figures, its CSV hash and the
 * previous snapshot's chain hash. Rows cannot be changed afterwards (a trigger refuses it).
 */
@Injectable()
export class PublicationsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly repository: PublicationsRepository,
    private readonly campaigns: CampaignsService,
    private readonly audit: AuditLogService,
    @Optional() @Inject(IN_KIND_TOTALS) private readonly inKind?: InKindTotals,
  ) {}

  async publish(code: string, actor: StaffPrincipal): Promise<PublicationView> {
    return (await this.make(code, actor, 'manual', null))!;
  }

  /**
   * A publication the schedule made (no staff member): only if the newest publication is still the
   * one the schedule saw (seq `ifLastSeq`), so two workers, or a retry, make one publication, not two.
   */
  publishScheduled(code: string, kind: 'scheduled' | 'final', ifLastSeq: number): Promise<PublicationView | null> {
    return this.make(code, null, kind, ifLastSeq);
  }

  private async make(
    code: string,
    actor: StaffPrincipal | null,
    kind: 'manual' | 'scheduled' | 'final',
    ifLastSeq: number | null,
  ): Promise<PublicationView | null> {
    const campaign = await this.campaigns.findByCode(code);
    const inKind = this.inKind ? await this.inKind.forCampaign(campaign.id) : [];
    return this.dataSource.transaction(async (m) => {
      // One publisher per campaign at a time, so each link names the one before it.
      await this.repository.lockCampaign(m, campaign.id);
      const previous = await this.repository.latest(m, campaign.id);
      if (ifLastSeq !== null && (previous?.seq ?? 0) !== ifLastSeq) return null;
      // One statement, one snapshot: the donations, the disbursed sum and the time they were read at.
      const snapshot = await this.repository.snapshot(m, campaign.id);
      const asOf = new Date(snapshot[0].as_of);
      const paid = snapshot.filter((r) => r.amount_fen !== null);
      const funds = await this.repository.funds(m, campaign.id);
      const fundNames = new Map(funds.map((f) => [f.id, f.name]));
      // Only donors who agreed to be shown are named (masked); everyone else is 爱心人士.
      const rows: PublishedDonation[] = paid.map((r) => ({
        paidAt: new Date(r.paid_at!),
        name: r.show_on_wall ? maskName(r.donor_name, r.anonymous ?? false) : maskName(null, true),
        amountFen: toSafeInteger(r.amount_fen!),
        channel: r.channel!,
        fund: r.fund_id ? (fundNames.get(r.fund_id) ?? '') : '',
      }));
      const csv = renderPublicationCsv(rows, funds.length > 0);
      const today = beijingIso(asOf).slice(0, 10);
      let amountFen = 0;
      let todayAmountFen = 0;
      for (const row of rows) {
        amountFen += row.amountFen;
        if (beijingIso(row.paidAt).slice(0, 10) === today) todayAmountFen += row.amountFen;
      }
      if (!Number.isSafeInteger(amountFen)) throw new RangeError('publication total exceeds a safe integer');
      const totals: PublicationTotals = {
        donorCount: new Set(paid.map((r) => r.donor_key)).size,
        donationCount: rows.length,
        amountFen,
        todayAmountFen,
        goalFen: campaign.goalFen,
        disbursedFen: toSafeInteger(snapshot[0].disbursed_fen),
        inKind,
        ...(funds.length > 0 ? { funds: await this.fundFigures(m, funds, paid, asOf) } : {}),
        updatedAt: asOf.toISOString(),
      };
      const corrections = await this.correctionsSince(m, campaign.id, previous?.as_of ?? null, asOf);
      const seq = (previous?.seq ?? 0) + 1;
      const sha256 = sha256Hex(csv);
      const previousChainSha256 = previous?.chain_sha256 ?? null;
      const manifest = publicationManifest({
        campaignCode: campaign.code,
        seq,
        asOf: asOf.toISOString(),
        rowCount: rows.length,
        sha256,
        previousChainSha256,
        totals,
        corrections,
      });
      const row = await this.repository.insert(m, {
        campaignId: campaign.id,
        seq,
        asOf,
        totals,
        rowCount: rows.length,
        csv,
        sha256,
        previousChainSha256,
        manifest,
        chainSha256: sha256Hex(manifest),
        createdBy: actor?.id ?? null,
        corrections,
        kind,
      });
      const view = toPublicationView(row, campaign.code);
      await this.audit.record(m, actor, {
        action: 'publication.create',
        entity: 'publication',
        entityId: view.id,
        after: { campaignCode: campaign.code, seq, kind, asOf: view.asOf, rowCount: view.rowCount, sha256, chainSha256: view.chainSha256, totals, corrections },
      });
      return view;
    });
  }

  /** Each fund's figures as of the snapshot: received from the snapshot's donations, disbursed (not voided) as of then. */
  private async fundFigures(m: EntityManager, funds: FundRow[], paid: SnapshotRow[], asOf: Date) {
    const disbursed = await this.repository.disbursedByFund(
      m,
      funds.map((f) => f.id),
      asOf,
    );
    const disbursedBy = new Map(disbursed.map((d) => [d.fund_id, toSafeInteger(d.fen)]));
    return funds.map((f) => ({
      code: f.code,
      name: f.name,
      amountFen: paid.filter((r) => r.fund_id === f.id).reduce((sum, r) => sum + toSafeInteger(r.amount_fen!), 0),
      disbursedFen: disbursedBy.get(f.id) ?? 0,
    }));
  }

  /** The disbursements voided after the previous publication (all of them for the first), oldest first. */
  private async correctionsSince(m: EntityManager, campaignId: string, since: Date | null, asOf: Date): Promise<PublicationCorrection[]> {
    const rows = await this.repository.voidedDisbursements(m, campaignId, since, asOf);
    return rows.map((r) => ({
      kind: 'disbursement_voided' as const,
      disbursementId: r.id,
      recipient: r.recipient,
      amountFen: toSafeInteger(r.amount_fen),
      date: r.disbursed_on,
      reason: r.void_reason,
      voidedAt: new Date(r.voided_at).toISOString(),
    }));
  }

  /** Newest first. */
  async list(code: string): Promise<PublicationListView> {
    const campaign = await this.campaigns.findByCode(code);
    const rows = await this.repository.list(campaign.id);
    return { items: rows.map((r) => toPublicationView(r, campaign.code)) };
  }

  /** The frozen CSV bytes exactly as hashed, with the name to save them under. */
  async csv(code: string, id: string): Promise<{ bytes: Buffer; sha256: string; filename: string }> {
    const campaign = await this.campaigns.findByCode(code);
    const row = /^[0-9a-f-]{36}$/i.test(id) ? await this.repository.csv(campaign.id, id) : undefined;
    if (!row) throw new DomainError('PUBLICATION_NOT_FOUND', '公示不存在');
    return { bytes: row.csv, sha256: row.sha256, filename: `${campaign.code}-publication-${row.seq}.csv` };
  }
}
