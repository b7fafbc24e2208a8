import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connectionLimits, ConnectionLimitsError, readDescriptorLimit } from './connection-limits';

describe('connectionLimits', () => {
  it('keeps streams a tenth of the descriptors (at most 2,000) below the limit, and sockets half that', () => {
    expect(connectionLimits({}, 20_000)).toMatchObject({ descriptorLimit: 20_000, maxStreams: 18_000, maxConnections: 19_000 });
    expect(connectionLimits({}, 1_048_576)).toMatchObject({ maxStreams: 1_046_576, maxConnections: 1_047_576 });
    expect(connectionLimits({}, 1024)).toMatchObject({ maxStreams: 768, maxConnections: 896 });
  });

  it('takes MAX_STREAMS when it leaves room for other sockets, and refuses one that does not', () => {
    expect(connectionLimits({ maxStreams: 100 }, 20_000).maxStreams).toBe(100);
    expect(() => connectionLimits({ maxStreams: 19_000 }, 20_000)).toThrow(ConnectionLimitsError);
  });

  it('has no socket cap where the limit is unknown, and a fixed stream cap', () => {
    expect(connectionLimits({}, null)).toMatchObject({ maxConnections: null, maxStreams: 10_000 });
  });

  it('defaults: 50 streams and 256 sockets per client, 10 s for headers, 120 s per request, 10 s idle keep-alive', () => {
    expect(connectionLimits({}, 20_000)).toMatchObject({
      maxStreamsPerClient: 50,
      maxConnectionsPerClient: 256,
      headersTimeoutMs: 10_000,
      requestTimeoutMs: 120_000,
      keepAliveTimeoutMs: 10_000,
    });
    expect(connectionLimits({ maxStreamsPerClient: 500 }, 20_000).maxConnectionsPerClient).toBe(564);
    expect(connectionLimits({ headersTimeoutSeconds: 60, requestTimeoutSeconds: 30 }, 20_000).headersTimeoutMs).toBe(30_000);
  });
});

describe('readDescriptorLimit', () => {
  it('reads the soft limit from /proc/self/limits', () => {
    const dir = mkdtempSync(join(tmpdir(), 'limits-'));
    const file = join(dir, 'limits');
    writeFileSync(
      file,
      'Limit                     Soft Limit           Hard Limit           Units\nMax open files            4096                 524288               files\n',
    );
    expect(readDescriptorLimit(file)).toBe(4096);
    writeFileSync(file, 'Max open files            unlimited            unlimited            files\n');
    expect(readDescriptorLimit(file)).toBeNull();
    expect(readDescriptorLimit(join(dir, 'missing'))).toBeNull();
  });
});
