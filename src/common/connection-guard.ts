import type { Server } from 'node:http';
import type { Socket } from 'node:net';
import type { ConnectionLimits } from '../config/connection-limits';
import { clientKey } from './client-address';

/**
 * Limits on sockets, applied to the HTTP server before it listens:
 * - `maxConnections` (derived from the descriptor limit): past it node drops a new socket at once,
 *   so the process never runs out of descriptors for PostgreSQL, Redis and files;
 * - without TRUST_PROXY, at most `maxConnectionsPerClient` sockets per client address: one more is
 *   closed before a byte of it is read, so one client holding slow or idle connections cannot crowd
 *   out the others. Behind a proxy every socket comes from the proxy, which must do this itself.
 * The per-address count is one number per address, nothing per socket beyond a close listener.
 */
export function guardConnections(server: Server, limits: ConnectionLimits, trustProxy: boolean): { perClient: () => ReadonlyMap<string, number> } {
  if (limits.maxConnections !== null) server.maxConnections = limits.maxConnections;
  const perClient = new Map<string, number>();
  if (!trustProxy) {
    // Before node's own listener: a refused socket never gets an HTTP parser.
    server.prependListener('connection', (socket: Socket) => {
      const key = clientKey(socket.remoteAddress);
      const held = perClient.get(key) ?? 0;
      if (held >= limits.maxConnectionsPerClient) {
        socket.destroy();
        return;
      }
      perClient.set(key, held + 1);
      socket.once('close', () => {
        const left = (perClient.get(key) ?? 1) - 1;
        if (left > 0) perClient.set(key, left);
        else perClient.delete(key);
      });
    });
  }
  return { perClient: () => perClient };
}

/**
 * Node's own timeouts, given to fastify when the server is created: a request must send its headers
 * within `headersTimeoutMs` and all of itself within `requestTimeoutMs` (slow clients answered 408 and
 * closed); an idle keep-alive socket is closed after `keepAliveTimeoutMs`. An open event stream has
 * sent its request long ago, so none of these cut it. Node checks for late headers every
 * `connectionsCheckingInterval`, kept well under the headers timeout.
 */
export function serverTimeouts(limits: ConnectionLimits) {
  return {
    requestTimeout: limits.requestTimeoutMs,
    keepAliveTimeout: limits.keepAliveTimeoutMs,
    http: {
      headersTimeout: limits.headersTimeoutMs,
      connectionsCheckingInterval: Math.min(5000, Math.max(250, Math.floor(limits.headersTimeoutMs / 4))),
    },
  };
}
