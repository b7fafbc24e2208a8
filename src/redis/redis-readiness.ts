import Redis from 'ioredis';

/**
 * Waits until Redis answers PING, or fails after `timeoutMs` with an error that names the server
 * (host and port only: never the password of the URL). Processes that run queue workers need Redis
 * to start at all (BullMQ waits for it forever); without this they would hang at start instead of
 * stopping with one clear line that a supervisor can act on.
 */
export async function waitForRedis(redisUrl: string, timeoutMs: number): Promise<void> {
  const url = new URL(redisUrl);
  const where = `${url.hostname}:${url.port || 6379}`;
  const deadline = Date.now() + timeoutMs;
  let reason: string;
  for (;;) {
    const client = new Redis(redisUrl, {
      lazyConnect: true,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      retryStrategy: () => null,
      connectTimeout: 2000,
    });
    // The connection error (ECONNREFUSED, ENOTFOUND, WRONGPASS…) says more than the rejected command.
    let connectionError: string | undefined;
    client.on('error', (error: Error) => (connectionError ??= error.message));
    // connectTimeout covers the TCP connection only: something that accepts it and never answers
    // (not Redis, or Redis stuck) must not hold the start either.
    let timer: NodeJS.Timeout | undefined;
    const attempt = Math.max(250, Math.min(2000, deadline - Date.now()));
    try {
      await Promise.race([
        client.connect().then(() => client.ping()),
        new Promise((_, reject) => (timer = setTimeout(() => reject(new Error(`no answer within ${attempt} ms`)), attempt))),
      ]);
      return;
    } catch (error) {
      reason = connectionError ?? (error instanceof Error ? error.message : String(error));
    } finally {
      clearTimeout(timer);
      client.disconnect();
    }
    if (Date.now() + 500 >= deadline) break;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`Redis at ${where} did not answer within ${Math.round(timeoutMs / 1000)}s (${reason})`);
}
