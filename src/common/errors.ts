/**
 * Every error a client can cause, with its HTTP status. Services throw DomainError with one of
 * these codes; the one exception filter (error.filter.ts) turns it into the public error shape.
 */
export const ERROR_STATUS = {
  VALIDATION_FAILED: 400,
  MALFORMED_JSON: 400,
  MALFORMED_URL: 400,
  INVALID_RESOURCE: 400,
  INVALID_IDEMPOTENCY_KEY: 400,
  UNAUTHENTICATED: 401,
  INVALID_CREDENTIALS: 401,
  INVALID_SIGNATURE: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CAMPAIGN_NOT_FOUND: 404,
  ORDER_NOT_FOUND: 404,
  RECEIPT_NOT_FOUND: 404,
  RECEIPT_REQUEST_NOT_FOUND: 404,
  PUBLICATION_NOT_FOUND: 404,
  DISBURSEMENT_NOT_FOUND: 404,
  JOB_NOT_FOUND: 404,
  CAMPAIGN_EXISTS: 409,
  IDEMPOTENCY_KEY_REUSED: 409,
  IDEMPOTENCY_KEY_IN_USE: 409,
  STAFF_EMAIL_TAKEN: 409,
  DUPLICATE_BANK_REFERENCE: 409,
  RECEIPT_ALREADY_REQUESTED: 409,
  RECEIPT_REQUEST_CLOSED: 409,
  RECEIPT_NOT_READY: 409,
  NOT_FLAGGED: 409,
  // Refunds and reconciliation (src/donations, src/payments)
  NOT_REFUNDABLE: 409,
  REFUND_IN_PROGRESS: 409,
  DIFFERENCE_NOT_FOUND: 404,
  DIFFERENCE_RESOLVED: 409,
  REFUND_AMOUNT_NOT_FULL: 422,
  REFUND_REFUSED: 502,
  PAYLOAD_TOO_LARGE: 413,
  URI_TOO_LONG: 414,
  UNSUPPORTED_MEDIA_TYPE: 415,
  INVALID_AMOUNT: 422,
  AMOUNT_MISMATCH: 422,
  CAMPAIGN_NOT_ACTIVE: 422,
  INVALID_CAMPAIGN_DATES: 422,
  ORDER_NOT_PAYABLE: 422,
  PAYMENT_CHANNEL_DISABLED: 422,
  WEAK_PASSWORD: 422,
  INVALID_PHONE: 422,
  INVALID_EMAIL: 422,
  INVALID_ID_NUMBER: 422,
  INVALID_CREDIT_CODE: 422,
  BELOW_RECEIPT_THRESHOLD: 422,
  DONATION_REQUIRED: 422,
  DONATION_NOT_PAID: 422,
  INVALID_SCREENSHOT: 422,
  INVALID_ATTACHMENT: 422,
  INVALID_DATE: 422,
  INVALID_STATEMENT: 422,
  RATE_LIMITED: 429,
  LOGIN_LOCKED: 429,
  // In-kind donations (src/in-kind)
  IN_KIND_DONATION_NOT_FOUND: 404,
  DISTRIBUTION_NOT_FOUND: 404,
  IN_KIND_ITEM_EXISTS: 409,
  ALREADY_INSPECTED: 409,
  INSUFFICIENT_STOCK: 409,
  PLEDGE_CANCELLED: 409,
  NOTHING_OUTSTANDING: 409,
  UNKNOWN_ITEM: 422,
  DUPLICATE_ITEM: 422,
  INVALID_QUANTITY: 422,
  ITEM_NOT_PLEDGED: 422,
  INSPECTION_EXCEEDS_PLEDGE: 422,
  QUANTITY_BELOW_INSPECTED: 422,
  // Background jobs and exports (src/jobs, src/exports, src/receipts approvals)
  NOTHING_TO_APPROVE: 422,
  EXPORT_NOT_READY: 409,
  EXPORT_EXPIRED: 410,
  // Hostile users, part b (issue 14: connections, staff accounts and sign-in, statement bombs)
  TOO_MANY_STREAMS: 429,
  SERVER_BUSY: 503,
  ACCOUNT_DISABLED: 401,
  TOTP_REQUIRED: 401,
  INVALID_TOTP_CODE: 401,
  TWO_FACTOR_ENROLMENT_REQUIRED: 403,
  STAFF_USER_NOT_FOUND: 404,
  LAST_ADMIN: 409,
  TOTP_ALREADY_ENABLED: 409,
  TOTP_NOT_STARTED: 409,
  TOTP_CODE_MISMATCH: 422,
  STATEMENT_TOO_LARGE: 413,
  // Public oversight (issue 18: funds, corrections)
  FUND_NOT_FOUND: 422,
  DISBURSEMENT_EXCEEDS_RECEIVED: 422,
  DISBURSEMENT_ALREADY_VOIDED: 409,
  PLAN_NOT_FOUND: 404,
  INVALID_PLAN: 422,
  PLAN_TOTAL_MISMATCH: 422,
  PLAN_NOT_APPROVED: 409,
  PLAN_ALREADY_APPROVED: 409,
  PLAN_LINE_PAID: 409,
  DELIVERY_ALREADY_CONFIRMED: 409,
  INVALID_CONFIRMATION: 422,
  INTERNAL_ERROR: 500,
  SERVICE_UNAVAILABLE: 503,
  PAYMENT_PROVIDER_UNAVAILABLE: 503,
  REFUND_PROVIDER_UNAVAILABLE: 503,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

export class DomainError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.status = ERROR_STATUS[code];
  }
}

/** PostgreSQL SQLSTATE for unique_violation, checked where a constraint is the source of truth. */
export const PG_UNIQUE_VIOLATION = '23505';

export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  const e = error as { code?: string; constraint?: string; driverError?: { code?: string; constraint?: string } };
  const code = e?.code ?? e?.driverError?.code;
  const name = e?.constraint ?? e?.driverError?.constraint;
  return code === PG_UNIQUE_VIOLATION && (constraint === undefined || name === constraint);
}
