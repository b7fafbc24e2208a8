import { createServer, Server } from 'node:http';
import { connect, Socket } from 'node:net';
import { connectionLimits } from '../config/connection-limits';
import { guardConnections, serverTimeouts } from './connection-guard';

/** Real sockets on loopback: 127.0.0.2 and 127.0.0.3 are two clients. */
describe('guardConnections', () => {
  let server: Server;
  const sockets: Socket[] = [];
  afterEach(async () => {
    sockets.splice(0).forEach((s) => s.destroy());
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  async function start(trustProxy: boolean): Promise<{ port: number; perClient: () => ReadonlyMap<string, number> }> {
    server = createServer((_req, res) => res.end('ok'));
    const guard = guardConnections(server, connectionLimits({ maxStreamsPerClient: 2, maxConnectionsPerClient: 5 }, 20_000), trustProxy);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    return { port: (server.address() as { port: number }).port, perClient: guard.perClient };
  }

  /**
   * Opens `n` idle sockets from `from`; resolves with how many the server closed, once every socket
   * is either closed or counted by the guard (or, with TRUST_PROXY, open in the server).
   */
  async function open(port: number, from: string, n: number, admitted: () => number): Promise<number> {
    let closed = 0;
    for (let i = 0; i < n; i++) {
      const socket = connect({ host: '127.0.0.1', port, localAddress: from });
      sockets.push(socket);
      socket.on('error', () => undefined);
      socket.once('close', () => (closed += 1));
    }
    const deadline = Date.now() + 10_000;
    while (closed + admitted() !== n) {
      if (Date.now() > deadline) throw new Error(`${closed} closed and ${admitted()} admitted of ${n}`);
      await new Promise((r) => setTimeout(r, 20));
    }
    return closed;
  }

  it('holds at most MAX_CONNECTIONS_PER_CLIENT sockets per address, closing the rest unread; other addresses are not affected', async () => {
    const { port, perClient } = await start(false);
    const held = (address: string) => () => perClient().get(address) ?? 0;
    expect(await open(port, '127.0.0.2', 12, held('127.0.0.2'))).toBe(7);
    expect(perClient().get('127.0.0.2')).toBe(5);
    expect(await open(port, '127.0.0.3', 3, held('127.0.0.3'))).toBe(0);
    expect(perClient().get('127.0.0.3')).toBe(3);
    expect(server.maxConnections).toBe(19_000);
    // A closed socket gives its place back.
    sockets.slice(0, 12).forEach((s) => s.destroy());
    await new Promise((r) => setTimeout(r, 100));
    expect(perClient().get('127.0.0.2')).toBeUndefined();
  });

  it('leaves per-address counting to the proxy with TRUST_PROXY (every socket is the proxy’s)', async () => {
    const { port, perClient } = await start(true);
    let connections = 0;
    server.on('connection', () => (connections += 1));
    expect(await open(port, '127.0.0.2', 12, () => connections)).toBe(0);
    expect(perClient().size).toBe(0);
  });

  it('gives node its headers, request and keep-alive timeouts', () => {
    expect(serverTimeouts(connectionLimits({ headersTimeoutSeconds: 2 }, 20_000))).toEqual({
      requestTimeout: 120_000,
      keepAliveTimeout: 10_000,
      http: { headersTimeout: 2000, connectionsCheckingInterval: 500 },
    });
  });
});
