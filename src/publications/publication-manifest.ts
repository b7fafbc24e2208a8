import { createHash } from 'node:crypto';

export const PUBLICATION_FORMAT = 'wennuan-publication/1';

export interface PublicationTotals {
  donorCount: number;
  donationCount: number;
  amountFen: number;
  todayAmountFen: number;
  goalFen: number | null;
  disbursedFen: number;
  inKind: { itemCode: string; name: string; unit: string; receivedQuantity: number; distributedQuantity: number }[];
  /** Only when the campaign has designated funds. */
  funds?: { code: string; name: string; amountFen: number; disbursedFen: number }[];
  updatedAt: string;
}

/** What changed since the previous publication: a disbursement voided (corrected), with its reason. */
export interface PublicationCorrection {
  kind: 'disbursement_voided';
  disbursementId: string;
  recipient: string;
  amountFen: number;
  date: string;
  reason: string;
  voidedAt: string;
}

export interface ManifestInput {
  campaignCode: string;
  seq: number;
  asOf: string;
  rowCount: number;
  sha256: string; // of the CSV bytes
  previousChainSha256: string | null;
  totals: PublicationTotals;
  corrections?: PublicationCorrection[];
}

/**
 * The text whose SHA-256 chains the publications: the figures, the CSV's hash and the previous
 * link's hash, as JSON with a fixed key order. Changing any published figure, any CSV byte or any
 * earlier publication changes this hash and every later one. Anyone can recompute it from the
 * published manifest: sha256(manifest) = chainSha256.
 */
export function publicationManifest(input: ManifestInput): string {
  const t = input.totals;
  return JSON.stringify({
    format: PUBLICATION_FORMAT,
    campaignCode: input.campaignCode,
    seq: input.seq,
    asOf: input.asOf,
    rowCount: input.rowCount,
    sha256: input.sha256,
    previousChainSha256: input.previousChainSha256,
    totals: {
      donorCount: t.donorCount,
      donationCount: t.donationCount,
      amountFen: t.amountFen,
      todayAmountFen: t.todayAmountFen,
      goalFen: t.goalFen,
      disbursedFen: t.disbursedFen,
      inKind: t.inKind.map((l) => ({
        itemCode: l.itemCode,
        name: l.name,
        unit: l.unit,
        receivedQuantity: l.receivedQuantity,
        distributedQuantity: l.distributedQuantity,
      })),
      ...(t.funds ? { funds: t.funds.map((f) => ({ code: f.code, name: f.name, amountFen: f.amountFen, disbursedFen: f.disbursedFen })) } : {}),
      updatedAt: t.updatedAt,
    },
    // Absent when nothing was corrected, so earlier manifests keep their exact text.
    ...(input.corrections && input.corrections.length > 0
      ? {
          corrections: input.corrections.map((c) => ({
            kind: c.kind,
            disbursementId: c.disbursementId,
            recipient: c.recipient,
            amountFen: c.amountFen,
            date: c.date,
            reason: c.reason,
            voidedAt: c.voidedAt,
          })),
        }
      : {}),
  });
}

export function sha256Hex(bytes: Buffer | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}
