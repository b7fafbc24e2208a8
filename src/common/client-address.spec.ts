import { clientKey } from './client-address';

describe('clientKey', () => {
  it('keeps IPv4 addresses, also when IPv4-mapped', () => {
    expect(clientKey('127.0.0.2')).toBe('127.0.0.2');
    expect(clientKey('::ffff:127.0.0.3')).toBe('127.0.0.3');
  });

  it('counts an IPv6 address by its /64', () => {
    expect(clientKey('2001:db8:1:2:aaaa::1')).toBe('2001:db8:1:2::/64');
    expect(clientKey('2001:db8:1:2:ffff:ffff:ffff:ffff')).toBe('2001:db8:1:2::/64');
    expect(clientKey('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(clientKey('::1')).toBe('0:0:0:0::/64');
    expect(clientKey('2001:0DB8:0001:0002::5')).toBe('2001:db8:1:2::/64');
  });

  it('has one key for a request without an address', () => {
    expect(clientKey(undefined)).toBe('unknown');
  });
});
