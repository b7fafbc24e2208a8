/** The receipts queue and its jobs. Every job is idempotent: it may run twice, or die midway. */
export { APPROVALS_QUEUE, RECEIPTS_QUEUE } from '../queue/queue-names';

export const ISSUE_RECEIPT = 'issue-receipt';
export const EMAIL_RECEIPT = 'email-receipt';
export const EMAIL_REJECTION = 'email-rejection';
/** An official receipt was attached: render the PDF again (now a 捐赠票据) and mail it. */
export const RENDER_OFFICIAL = 'render-official';
/** Ask the 财政电子票据 platform for the electronic receipt of a record (FISCAL_RECEIPT_API_BASE). */
export const ISSUE_FISCAL = 'issue-fiscal';

export interface ReissueOverrides {
  name?: string;
  invoiceTitle?: string;
}

/** First issue of a request (`issueKey = request:<id>`), or a reissue (`issueKey = reissue:<old receipt id>`). */
export interface IssueReceiptJob {
  requestId: string;
  issueKey: string;
  replacesReceiptId?: string;
  overrides?: ReissueOverrides;
}

export interface EmailReceiptJob {
  receiptId: string;
  /** Increments for each re-send, so a re-send is a new job and not a duplicate of the first. */
  sendNo: number;
}

/** A receipt was voided: tell the donor (once). */
export const EMAIL_VOIDED = 'email-voided';

export interface EmailVoidedJob {
  receiptId: string;
  /** Voided to be reissued: a new receipt follows. */
  reissue: boolean;
}

export interface RenderOfficialJob {
  receiptId: string;
  officialId: string;
}

export interface IssueFiscalJob {
  receiptId: string;
}

/**
 * Repeating (FISCAL_RECEIPT_API_BASE set): asks the platform again for every request still pending
 * a while after its last attempt, so a platform outage longer than a job's retries loses nothing.
 */
export const FISCAL_SWEEP = 'fiscal-sweep';
export const FISCAL_SWEEP_EVERY_MS = 5 * 60_000;

/** A record whose official receipt the platform issued was voided: void it on the platform. */
export const VOID_FISCAL = 'void-fiscal';

export interface VoidFiscalJob {
  receiptId: string;
}

export interface EmailRejectionJob {
  requestId: string;
}

/** The approvals queue: staff's mass approvals, run in the background with progress. */

export const APPROVE_RECEIPT_REQUESTS = 'approve-receipt-requests';

/**
 * Requests to approve, fixed when the job was started. Each goes through the single approval, which
 * leaves an approved request alone: a re-run (after a crash) or a second job approves nothing twice.
 */
export interface ApproveReceiptRequestsJob {
  requestIds: string[];
  /** Who started the job: each approval is audited in their name. */
  actor: { id: string; email: string; role: string; ip: string | null };
}
