import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/**
 * The process's Prometheus registry and the metrics the code records. Module-level so that
 * services record without injection; labels never carry personal data or ids (only route
 * patterns, providers, outcomes).
 */
export const registry = new Registry();
collectDefaultMetrics({ register: registry, prefix: 'wennuan_' });

export const httpDuration = new Histogram({
  name: 'wennuan_http_request_duration_seconds',
  help: 'HTTP request latency by route pattern, method and status',
  labelNames: ['method', 'route', 'status'] as const,
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
  registers: [registry],
});

/** Records one answered request, labelled by its route pattern (never the URL: bounded labels, no ids). */
export function recordHttpDuration(method: string, route: string, statusCode: number, seconds: number): void {
  httpDuration.observe({ method, route, status: String(statusCode) }, seconds);
}

export const receiptsIssued = new Counter({
  name: 'wennuan_receipts_issued_total',
  help: 'Receipt numbers taken (each one is issued or later voided)',
  registers: [registry],
});

export const receiptsMailed = new Counter({
  name: 'wennuan_receipts_mailed_total',
  help: 'Receipt e-mails sent',
  registers: [registry],
});

export const paymentNotifications = new Counter({
  name: 'wennuan_payment_notifications_total',
  help: 'Payment provider notifications by provider and outcome (PAID, DUPLICATE, INVALID_SIGNATURE, AMOUNT_MISMATCH, …)',
  labelNames: ['provider', 'outcome'] as const,
  registers: [registry],
});
