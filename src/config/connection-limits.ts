import { readFileSync } from 'node:fs';

/** How many connections and live streams one process may hold, and for how long a request may dawdle. */
export interface ConnectionLimits {
  /** The process's soft RLIMIT_NOFILE, or null where it cannot be read (not Linux). */
  descriptorLimit: number | null;
  /** Sockets the HTTP server accepts at once (node's server.maxConnections); null: no cap. */
  maxConnections: number | null;
  /** Open totals streams (SSE) in this process; one more is 503 SERVER_BUSY. */
  maxStreams: number;
  /** Open totals streams per client address; one more is 429 TOO_MANY_STREAMS. */
  maxStreamsPerClient: number;
  /** Sockets per client address (only without TRUST_PROXY: behind a proxy every socket is the proxy's). */
  maxConnectionsPerClient: number;
  headersTimeoutMs: number;
  requestTimeoutMs: number;
  keepAliveTimeoutMs: number;
}

/** Streams when the descriptor limit cannot be read. */
const FALLBACK_MAX_STREAMS = 10_000;

/**
 * The soft limit on open files of this process, as `ulimit -n` shows it (Node has no getrlimit):
 * read from /proc/self/limits.
 */
export function readDescriptorLimit(file = '/proc/self/limits'): number | null {
  try {
    const line = readFileSync(file, 'utf8')
      .split('\n')
      .find((l) => l.startsWith('Max open files'));
    const soft = line ? /^Max open files\s+(\d+|unlimited)/.exec(line)?.[1] : undefined;
    if (!soft || soft === 'unlimited') return null;
    return Number(soft);
  } catch {
    return null;
  }
}

/**
 * Descriptors kept free of streams: PostgreSQL and Redis connections, receipt PDFs, uploads, and the
 * ordinary requests (pages, /health, donations) that must still get in while streams are at their cap.
 * A tenth of the limit, at least 256 and at most 2,000 (20,000 descriptors: 18,000 streams).
 */
function reserveFor(limit: number): number {
  return Math.min(2000, Math.max(256, Math.floor(limit / 10)));
}

export class ConnectionLimitsError extends Error {}

/**
 * Sockets stop at the descriptor limit less half the reserve (node then drops new sockets instead of
 * failing on EMFILE everywhere); streams stop a full reserve below it, so that ordinary requests
 * always find a socket. MAX_STREAMS may lower (or, with a higher `ulimit -n`, raise) the stream cap.
 */
export function connectionLimits(
  settings: {
    maxStreams?: number;
    maxStreamsPerClient?: number;
    maxConnectionsPerClient?: number;
    headersTimeoutSeconds?: number;
    requestTimeoutSeconds?: number;
    keepAliveTimeoutSeconds?: number;
  },
  descriptorLimit: number | null = readDescriptorLimit(),
): ConnectionLimits {
  const reserve = descriptorLimit === null ? 0 : reserveFor(descriptorLimit);
  const maxConnections = descriptorLimit === null ? null : Math.max(1, descriptorLimit - Math.floor(reserve / 2));
  const derivedStreams = descriptorLimit === null ? FALLBACK_MAX_STREAMS : Math.max(1, descriptorLimit - reserve);
  const maxStreams = settings.maxStreams ?? derivedStreams;
  if (maxConnections !== null && maxStreams >= maxConnections) {
    throw new ConnectionLimitsError(
      `MAX_STREAMS must be below ${maxConnections} (the connections this process accepts with ulimit -n ${descriptorLimit}); raise the limit or lower MAX_STREAMS`,
    );
  }
  const maxStreamsPerClient = settings.maxStreamsPerClient ?? 50;
  const maxConnectionsPerClient = settings.maxConnectionsPerClient ?? Math.max(256, maxStreamsPerClient + 64);
  if (maxConnectionsPerClient <= maxStreamsPerClient) {
    throw new ConnectionLimitsError('MAX_CONNECTIONS_PER_CLIENT must be above MAX_STREAMS_PER_CLIENT (every stream holds a connection)');
  }
  const requestTimeoutMs = (settings.requestTimeoutSeconds ?? 120) * 1000;
  // Node refuses a headers timeout longer than the request timeout.
  const headersTimeoutMs = Math.min((settings.headersTimeoutSeconds ?? 10) * 1000, requestTimeoutMs);
  return {
    descriptorLimit,
    maxConnections,
    maxStreams,
    maxStreamsPerClient,
    maxConnectionsPerClient,
    headersTimeoutMs,
    requestTimeoutMs,
    keepAliveTimeoutMs: (settings.keepAliveTimeoutSeconds ?? 10) * 1000,
  };
}
