import { createDecipheriv, createHash, createHmac, randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { PiiCipher } from './pii-cipher';

const keyA = Buffer.alloc(32, 1);
const keyB = Buffer.alloc(32, 2);
const indexKey = Buffer.alloc(32, 9);

// Changes one base64url character to another so the part still decodes.
function alterChar(part: string, index: number): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
  const replacement = alphabet[(alphabet.indexOf(part[index]) + 1) % alphabet.length];
  return part.slice(0, index) + replacement + part.slice(index + 1);
}

function withPart(token: string, index: number, value: string): string {
  const parts = token.split('.');
  parts[index] = value;
  return parts.join('.');
}

function flipByte(part: string, byteIndex: number): string {
  const bytes = Buffer.from(part, 'base64url');
  bytes[byteIndex % bytes.length] ^= 0x01;
  return bytes.toString('base64url');
}

describe('PiiCipher', () => {
  const cipher = new PiiCipher({ activeKey: keyA, indexKey });

  describe('constructor', () => {
    it.each([
      ['a short active key', { activeKey: Buffer.alloc(16), indexKey }],
      ['a long active key', { activeKey: Buffer.alloc(33), indexKey }],
      ['a short index key', { activeKey: keyA, indexKey: Buffer.alloc(31) }],
      ['a short previous key', { activeKey: keyA, indexKey, previousKeys: [Buffer.alloc(8)] }],
      ['a string key', { activeKey: 'a'.repeat(32) as unknown as Buffer, indexKey }],
    ])('refuses %s', (_reason, options) => {
      expect(() => new PiiCipher(options)).toThrow(Error);
    });

    it('is unaffected when the caller later overwrites its key buffer', () => {
      const key = Buffer.from(keyA);
      const own = new PiiCipher({ activeKey: key, indexKey });
      const token = own.encrypt('张三');
      key.fill(0);
      expect(own.decrypt(token)).toBe('张三');
    });
  });

  describe('keyId', () => {
    it('is the first 8 hex chars of sha256("wennuan-key-id" + key)', () => {
      const expected = createHash('sha256')
        .update(Buffer.concat([Buffer.from('wennuan-key-id'), keyA]))
        .digest('hex')
        .slice(0, 8);
      expect(PiiCipher.keyId(keyA)).toBe(expected);
      expect(PiiCipher.keyId(keyA)).toMatch(/^[0-9a-f]{8}$/);
      expect(PiiCipher.keyId(keyB)).not.toBe(PiiCipher.keyId(keyA));
    });
  });

  describe('encrypt / decrypt', () => {
    it.each(['11010519491231002X', '张三', '湖北省武汉市江岸区中山大道1号', '', '😀 emoji and \u0000 nul'])('round-trips %p', (plain) => {
      expect(cipher.decrypt(cipher.encrypt(plain))).toBe(plain);
    });

    it('writes v1.<keyId>.<iv>.<tag>.<ciphertext> and is plain AES-256-GCM with the version and key id as AAD', () => {
      const token = cipher.encrypt('13812345678');
      const [version, keyId, iv, tag, ciphertext] = token.split('.');
      expect(version).toBe('v1');
      expect(keyId).toBe(PiiCipher.keyId(keyA));
      expect(Buffer.from(iv, 'base64url')).toHaveLength(12);
      expect(Buffer.from(tag, 'base64url')).toHaveLength(16);
      expect(token).not.toContain('13812345678');
      // Decrypt with node:crypto directly to pin the format other services could rely on.
      const decipher = createDecipheriv('aes-256-gcm', keyA, Buffer.from(iv, 'base64url'));
      decipher.setAAD(Buffer.from(`v1.${keyId}`));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      const plain = Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64url')), decipher.final()]).toString('utf8');
      expect(plain).toBe('13812345678');
    });

    it('uses a fresh IV each time', () => {
      const first = cipher.encrypt('张三');
      const second = cipher.encrypt('张三');
      expect(first).not.toBe(second);
      expect(first.split('.')[2]).not.toBe(second.split('.')[2]);
    });

    it('refuses strings that UTF-8 cannot carry', () => {
      expect(() => cipher.encrypt('a\ud800b')).toThrow(TypeError);
    });

    it.each([
      ['version', 0],
      ['iv', 2],
      ['tag', 3],
      ['ciphertext', 4],
    ])('refuses a token whose %s was changed', (_part, index) => {
      const token = cipher.encrypt('11010519491231002X');
      const part = token.split('.')[index];
      const altered = index === 0 ? 'v2' : alterChar(part, 0);
      expect(() => cipher.decrypt(withPart(token, index, altered))).toThrow('PII_DECRYPT_FAILED');
    });

    it('refuses a token whose key id was changed', () => {
      const token = cipher.encrypt('张三');
      expect(() => cipher.decrypt(withPart(token, 1, 'deadbeef'))).toThrow('PII_KEY_UNKNOWN');
    });

    it('refuses a token moved to another known key id, because the key id is authenticated', () => {
      const rotated = new PiiCipher({ activeKey: keyB, previousKeys: [keyA], indexKey });
      const token = rotated.encrypt('张三');
      expect(() => rotated.decrypt(withPart(token, 1, PiiCipher.keyId(keyA)))).toThrow('PII_DECRYPT_FAILED');
    });

    it('refuses the non-canonical spelling of the last tag character', () => {
      const token = cipher.encrypt('张三');
      const tag = token.split('.')[3];
      // 16 bytes leave 4 unused bits in the last base64url character; lenient decoders would ignore them.
      const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
      const loose = tag.slice(0, -1) + alphabet[alphabet.indexOf(tag[tag.length - 1]) ^ 1];
      expect(Buffer.from(loose, 'base64url').equals(Buffer.from(tag, 'base64url'))).toBe(true);
      expect(() => cipher.decrypt(withPart(token, 3, loose))).toThrow('PII_DECRYPT_FAILED');
    });

    it('refuses a truncated tag and extra ciphertext bytes', () => {
      const token = cipher.encrypt('');
      const [, , , tag] = token.split('.');
      expect(() => cipher.decrypt(withPart(token, 3, Buffer.from(tag, 'base64url').subarray(0, 12).toString('base64url')))).toThrow('PII_DECRYPT_FAILED');
      expect(() => cipher.decrypt(`${token}AA`)).toThrow('PII_DECRYPT_FAILED');
    });

    it.each(['', 'garbage', 'v1.abc', 'v1.a.b.c.d.e', `v1.${PiiCipher.keyId(keyA)}.!!!.@@@.###`])('refuses malformed token %p', (token) => {
      expect(() => cipher.decrypt(token)).toThrow(/PII_DECRYPT_FAILED|PII_KEY_UNKNOWN/);
    });

    it('refuses any single flipped bit in iv, tag or ciphertext', () => {
      fc.assert(
        fc.property(fc.string({ unit: 'grapheme', minLength: 1, maxLength: 40 }), fc.constantFrom(2, 3, 4), fc.nat(), (plain, index, byte) => {
          const token = cipher.encrypt(plain);
          const tampered = withPart(token, index, flipByte(token.split('.')[index], byte));
          expect(() => cipher.decrypt(tampered)).toThrow('PII_DECRYPT_FAILED');
        }),
      );
    });

    it('round-trips any well-formed string', () => {
      fc.assert(
        fc.property(fc.oneof(fc.string({ unit: 'grapheme' }), fc.string({ unit: 'binary' }), fc.string({ unit: 'binary-ascii' })), (plain) => {
          expect(cipher.decrypt(cipher.encrypt(plain))).toBe(plain);
        }),
      );
    });
  });

  describe('key rotation', () => {
    const oldToken = new PiiCipher({ activeKey: keyA, indexKey }).encrypt('11010519491231002X');
    const rotated = new PiiCipher({ activeKey: keyB, previousKeys: [keyA], indexKey });

    it('still decrypts what the previous key wrote', () => {
      expect(rotated.decrypt(oldToken)).toBe('11010519491231002X');
    });

    it('writes under the new key', () => {
      expect(rotated.encrypt('x').split('.')[1]).toBe(PiiCipher.keyId(keyB));
    });

    it('cannot read a retired key once it is dropped', () => {
      const retired = new PiiCipher({ activeKey: keyB, indexKey });
      expect(() => retired.decrypt(oldToken)).toThrow('PII_KEY_UNKNOWN');
    });

    it('flags old tokens for re-encryption and leaves current ones alone', () => {
      expect(rotated.needsReencrypt(oldToken)).toBe(true);
      expect(rotated.needsReencrypt(rotated.encrypt('x'))).toBe(false);
      expect(rotated.needsReencrypt(rotated.encrypt(rotated.decrypt(oldToken)))).toBe(false);
      expect(rotated.needsReencrypt('not a token')).toBe(true);
    });

    it('accepts the same key listed twice', () => {
      expect(() => new PiiCipher({ activeKey: keyA, previousKeys: [keyA, keyB], indexKey })).not.toThrow();
    });
  });

  describe('nullable helpers', () => {
    it('pass null and undefined through', () => {
      expect(cipher.encryptNullable(null)).toBeNull();
      expect(cipher.encryptNullable(undefined)).toBeNull();
      expect(cipher.decryptNullable(null)).toBeNull();
      expect(cipher.decryptNullable(undefined)).toBeNull();
    });

    it('encrypt and decrypt real values, including the empty string', () => {
      for (const plain of ['张三', '']) {
        const token = cipher.encryptNullable(plain);
        expect(token).toMatch(/^v1\./);
        expect(cipher.decryptNullable(token)).toBe(plain);
      }
    });
  });

  describe('sealBytes / openBytes (files at rest)', () => {
    const statement = Buffer.from('bankReference,amountYuan,payerName,receivedAt,payerAccount\nB1,100.00,王芳,2020-02-01,6222020200001234567\n');

    it('round-trips, and the sealed bytes hold nothing of the plain text', () => {
      const sealed = cipher.sealBytes(statement, 'bank-statement');
      expect(PiiCipher.isSealed(sealed)).toBe(true);
      expect(sealed.includes(Buffer.from('6222020200001234567'))).toBe(false);
      expect(sealed.includes(Buffer.from('王芳'))).toBe(false);
      expect(cipher.openBytes(sealed, 'bank-statement').equals(statement)).toBe(true);
      expect(cipher.sealBytes(statement, 'bank-statement').equals(sealed)).toBe(false);
    });

    it('refuses altered bytes, another purpose, and plain files', () => {
      const sealed = cipher.sealBytes(statement, 'bank-statement');
      const altered = Buffer.from(sealed);
      altered[altered.length - 1] ^= 1;
      expect(() => cipher.openBytes(altered, 'bank-statement')).toThrow('PII_DECRYPT_FAILED');
      expect(() => cipher.openBytes(sealed, 'screenshot')).toThrow('PII_DECRYPT_FAILED');
      expect(() => cipher.openBytes(statement, 'bank-statement')).toThrow('PII_DECRYPT_FAILED');
      expect(PiiCipher.isSealed(statement)).toBe(false);
    });

    it('opens files sealed under a previous key', () => {
      const old = new PiiCipher({ activeKey: keyB, indexKey });
      const rotated = new PiiCipher({ activeKey: keyA, previousKeys: [keyB], indexKey });
      expect(rotated.openBytes(old.sealBytes(statement, 'bank-statement'), 'bank-statement').equals(statement)).toBe(true);
      expect(() => cipher.openBytes(old.sealBytes(statement, 'bank-statement'), 'bank-statement')).toThrow('PII_KEY_UNKNOWN');
    });
  });

  describe('blindIndex', () => {
    it('is hex HMAC-SHA256 under the index key', () => {
      expect(cipher.blindIndex('11010519491231002X')).toBe(createHmac('sha256', indexKey).update('11010519491231002X').digest('hex'));
      expect(cipher.blindIndex('张三')).toMatch(/^[0-9a-f]{64}$/);
    });

    it('is stable across rotation of the encryption key', () => {
      const rotated = new PiiCipher({ activeKey: keyB, previousKeys: [keyA], indexKey });
      expect(rotated.blindIndex('13812345678')).toBe(cipher.blindIndex('13812345678'));
    });

    it('depends on the index key and on the value', () => {
      const other = new PiiCipher({ activeKey: keyA, indexKey: randomBytes(32) });
      expect(other.blindIndex('13812345678')).not.toBe(cipher.blindIndex('13812345678'));
      fc.assert(
        fc.property(fc.string({ unit: 'grapheme' }), fc.string({ unit: 'grapheme' }), (a, b) => {
          fc.pre(a !== b);
          expect(cipher.blindIndex(a)).not.toBe(cipher.blindIndex(b));
          expect(cipher.blindIndex(a)).toBe(cipher.blindIndex(a));
        }),
      );
    });
  });
});
