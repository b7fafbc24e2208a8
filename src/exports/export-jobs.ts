import type { ExportFormat } from './export-file.writer';

/** The exports queue: export files written in the background, with progress, kept for download. */
export { EXPORTS_QUEUE } from '../queue/queue-names';

export const WRITE_EXPORT = 'write-export';

export type ExportKind = 'donations' | 'receipts' | 'goods';

export const EXPORT_KINDS: readonly ExportKind[] = ['donations', 'receipts', 'goods'];

/** Roles besides admin and auditor that may export each kind (by API.md: finance has money and receipts; goods are warehouse's, read by finance too). */
export const EXPORT_READERS: Record<ExportKind, ('finance' | 'warehouse')[]> = {
  donations: ['finance'],
  receipts: ['finance'],
  goods: ['finance', 'warehouse'],
};

/** Status filters each kind accepts. */
export const EXPORT_STATUSES: Record<ExportKind, readonly string[]> = {
  donations: ['pending', 'paid', 'failed', 'refunded'],
  receipts: ['issued', 'voided'],
  goods: [],
};

/** One export to write. Safe to run twice: the file goes to the same path, replaced whole. */
export interface WriteExportJob {
  kind: ExportKind;
  format: ExportFormat;
  campaignCode: string | null;
  status: string | null;
}
