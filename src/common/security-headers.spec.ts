import { IncomingMessage, ServerResponse } from 'node:http';
import { Socket } from 'node:net';
import helmet from 'helmet';
import { apiSecurityHeaders, helmetOptions, securityHeaders } from './security-headers';

describe('securityHeaders', () => {
  it.each(['http://localhost:3000', 'https://give.example.org'])('are exactly the headers helmet sets on a real response (%s)', (base) => {
    const request = new IncomingMessage(new Socket());
    const response = new ServerResponse(request);
    response.setHeader('X-Powered-By', 'something');
    helmet(helmetOptions(base))(request, response, (error?: unknown) => {
      if (error) throw error as Error;
    });
    const expected = Object.fromEntries(Object.entries(response.getHeaders()).map(([k, v]) => [k, String(v)]));
    expect(securityHeaders(helmetOptions(base))).toEqual(expected);
  });

  it('forbid framing and foreign scripts, and upgrade requests only behind TLS', () => {
    const plain = securityHeaders(helmetOptions('http://localhost:3000'));
    expect(plain['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(plain['content-security-policy']).toContain("script-src 'self'");
    expect(plain['content-security-policy']).not.toContain('upgrade-insecure-requests');
    expect(plain['x-content-type-options']).toBe('nosniff');
    expect(plain['x-powered-by']).toBeUndefined();
    expect(securityHeaders(helmetOptions('https://give.example.org'))['content-security-policy']).toContain('upgrade-insecure-requests');
  });
});

describe('apiSecurityHeaders', () => {
  it('keep what protects a JSON answer (no sniffing, no framing, no rendering, HSTS) and drop the document policies', () => {
    const api = apiSecurityHeaders(securityHeaders(helmetOptions('https://give.example.org')));
    expect(api).toEqual({
      'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
      'cross-origin-resource-policy': 'same-origin',
      'referrer-policy': 'no-referrer',
      'strict-transport-security': 'max-age=31536000; includeSubDomains',
      'x-content-type-options': 'nosniff',
      'x-frame-options': 'DENY',
    });
  });
});
