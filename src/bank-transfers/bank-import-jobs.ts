import type { StaffPrincipal } from '../staff/auth/staff-principal';
import type { StatementColumns } from './statement-layouts';

/** The imports queue: bank statements imported in the background, with progress. */
export { IMPORTS_QUEUE } from '../queue/queue-names';

export const IMPORT_BANK_STATEMENT = 'import-bank-statement';

/**
 * One uploaded statement to import. Safe to run twice: lines already recorded (by bank
 * reference) are counted as duplicates, so a re-run after a crash adds nothing twice.
 */
export interface ImportBankStatementJob {
  campaignCode: string;
  /** The stored upload, relative to STORAGE_DIR (`imports/<uuid>`). */
  path: string;
  filename: string;
  /** The saved mapping chosen on upload, its columns as they were then (absent: the known layouts). */
  mapping?: { id: string; name: string; columns: StatementColumns } | null;
  /** Who started the import: the donations it records are audited in their name. */
  actor: StaffPrincipal;
}
