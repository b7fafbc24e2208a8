/**
 * Staff follow background jobs by a public id `<queue>-<outbox row id>`. Jobs are handed to BullMQ
 * by the outbox relay, which names each one `outbox-<row id>` (src/outbox/outbox.relay.ts), so the
 * id is known when the job is written, before it reaches Redis.
 */
const PUBLIC_JOB_ID = /^([a-z][a-z-]{0,40})-(\d{1,18})$/;

export function publicJobId(queue: string, outboxRowId: string): string {
  return `${queue}-${outboxRowId}`;
}

export function parsePublicJobId(jobId: string): { queue: string; outboxRowId: string; bullJobId: string } | null {
  const match = PUBLIC_JOB_ID.exec(jobId);
  return match ? { queue: match[1], outboxRowId: match[2], bullJobId: `outbox-${match[2]}` } : null;
}
