import type { EntityManager } from 'typeorm';
import type { StaffPrincipal } from '../staff/auth/staff-principal';

/**
 * What the ledger asks of the receipts feature when a refund succeeds, inside the refund's own
 * transaction: the donation's open receipt requests rejected and its live receipt voided. The
 * receipts feature provides it under REFUND_RECEIPT_STEP (a global provider), so the ledger names
 * no receipts code and the dependency points one way (receipts → donations).
 */
export interface RefundReceiptStep {
  voidForRefund(
    manager: EntityManager,
    donationId: string,
    reason: string,
    actor: StaffPrincipal | null,
  ): Promise<{ voidedReceiptNos: string[]; rejectedRequestIds: string[] }>;
}

export const REFUND_RECEIPT_STEP = Symbol('REFUND_RECEIPT_STEP');
