// Encrypts personal data at rest (AES-256-GCM) under a key id, so keys can rotate without a flag day.
import { createCipheriv, createDecipheriv, createHash, createHmac, randomBytes } from 'node:crypto';

export interface PiiCipherOptions {
  activeKey: Buffer;
  previousKeys?: Buffer[];
  indexKey: Buffer;
}

const VERSION = 'v1';
/** Files sealed by sealBytes start with this, then the key id (8 ASCII), the IV and the tag. */
const FILE_MAGIC = Buffer.from('WNF1', 'ascii');

const KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;
// Lone surrogates would not survive UTF-8 and come back as U+FFFD.
const LONE_SURROGATE = /\p{Cs}/u;

function assertKey(key: unknown, name: string): asserts key is Buffer {
  if (!Buffer.isBuffer(key) || key.length !== KEY_BYTES) throw new Error(`${name} must be exactly ${KEY_BYTES} bytes`);
}

function decryptFailed(): Error {
  return new Error('PII_DECRYPT_FAILED');
}

// Buffer.from(..., 'base64url') skips junk; requiring the canonical form makes every altered character count.
function decodeCanonical(text: string, bytes?: number): Buffer {
  const decoded = Buffer.from(text, 'base64url');
  if (decoded.toString('base64url') !== text || (bytes !== undefined && decoded.length !== bytes)) throw decryptFailed();
  return decoded;
}

export class PiiCipher {
  private readonly activeKeyId: string;
  private readonly keys = new Map<string, Buffer>();
  private readonly indexKey: Buffer;

  constructor(options: PiiCipherOptions) {
    assertKey(options.activeKey, 'activeKey');
    assertKey(options.indexKey, 'indexKey');
    for (const [i, key] of (options.previousKeys ?? []).entries()) assertKey(key, `previousKeys[${i}]`);
    this.activeKeyId = PiiCipher.keyId(options.activeKey);
    for (const key of [options.activeKey, ...(options.previousKeys ?? [])]) {
      const id = PiiCipher.keyId(key);
      const known = this.keys.get(id);
      if (known && !known.equals(key)) throw new Error(`two different keys share the key id ${id}`);
      this.keys.set(id, Buffer.from(key));
    }
    this.indexKey = Buffer.from(options.indexKey);
  }

  static keyId(key: Buffer): string {
    return createHash('sha256').update('wennuan-key-id').update(key).digest('hex').slice(0, 8);
  }

  encrypt(plain: string): string {
    if (typeof plain !== 'string' || LONE_SURROGATE.test(plain)) throw new TypeError('PII must be a well-formed string');
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.keys.get(this.activeKeyId)!, iv, { authTagLength: TAG_BYTES });
    cipher.setAAD(Buffer.from(`${VERSION}.${this.activeKeyId}`));
    const ciphertext = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    const parts = [VERSION, this.activeKeyId, iv, cipher.getAuthTag(), ciphertext];
    return parts.map((part) => (typeof part === 'string' ? part : part.toString('base64url'))).join('.');
  }

  decrypt(token: string): string {
    const parts = typeof token === 'string' ? token.split('.') : [];
    if (parts.length !== 5 || parts[0] !== VERSION) throw decryptFailed();
    const [version, keyId, ivText, tagText, ciphertextText] = parts;
    const key = this.keys.get(keyId);
    if (!key) throw new Error('PII_KEY_UNKNOWN');
    const iv = decodeCanonical(ivText, IV_BYTES);
    const tag = decodeCanonical(tagText, TAG_BYTES);
    const ciphertext = decodeCanonical(ciphertextText);
    try {
      const decipher = createDecipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
      decipher.setAAD(Buffer.from(`${version}.${keyId}`));
      decipher.setAuthTag(tag);
      return Buffer.concat([decipher.update(ciphertext), decipher.final()]).toString('utf8');
    } catch {
      throw decryptFailed();
    }
  }

  encryptNullable(plain: string | null | undefined): string | null {
    return plain === null || plain === undefined ? null : this.encrypt(plain);
  }

  decryptNullable(token: string | null | undefined): string | null {
    return token === null || token === undefined ? null : this.decrypt(token);
  }

  /** Equality lookups without decrypting; callers normalise first (normalizeIdNumber, normalizeMobile). */
  blindIndex(value: string): string {
    return createHmac('sha256', this.indexKey).update(value, 'utf8').digest('hex');
  }

  /**
   * A file's bytes (an uploaded bank statement) sealed under the active key, for storage at rest:
   * `WNF1`, the key id, IV, tag, then the ciphertext. The AAD names the file's purpose, so a sealed
   * statement cannot be passed off as another kind of file.
   */
  sealBytes(plain: Buffer, purpose: string): Buffer {
    const iv = randomBytes(IV_BYTES);
    const keyId = Buffer.from(this.activeKeyId, 'ascii');
    const cipher = createCipheriv('aes-256-gcm', this.keys.get(this.activeKeyId)!, iv, { authTagLength: TAG_BYTES });
    cipher.setAAD(Buffer.concat([FILE_MAGIC, keyId, Buffer.from(purpose, 'utf8')]));
    const ciphertext = Buffer.concat([cipher.update(plain), cipher.final()]);
    return Buffer.concat([FILE_MAGIC, keyId, iv, cipher.getAuthTag(), ciphertext]);
  }

  static isSealed(bytes: Buffer): boolean {
    return bytes.length >= FILE_MAGIC.length && bytes.subarray(0, FILE_MAGIC.length).equals(FILE_MAGIC);
  }

  openBytes(sealed: Buffer, purpose: string): Buffer {
    const header = FILE_MAGIC.length + 8 + IV_BYTES + TAG_BYTES;
    if (!PiiCipher.isSealed(sealed) || sealed.length < header) throw decryptFailed();
    const keyIdBytes = sealed.subarray(FILE_MAGIC.length, FILE_MAGIC.length + 8);
    const key = this.keys.get(keyIdBytes.toString('ascii'));
    if (!key) throw new Error('PII_KEY_UNKNOWN');
    const iv = sealed.subarray(FILE_MAGIC.length + 8, FILE_MAGIC.length + 8 + IV_BYTES);
    const tag = sealed.subarray(FILE_MAGIC.length + 8 + IV_BYTES, header);
    try {
      const decipher = createDecipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
      decipher.setAAD(Buffer.concat([FILE_MAGIC, keyIdBytes, Buffer.from(purpose, 'utf8')]));
      decipher.setAuthTag(tag);
      return Buffer.concat([decipher.update(sealed.subarray(header)), decipher.final()]);
    } catch {
      throw decryptFailed();
    }
  }

  /** True for anything not written under the active key, including unreadable tokens. */
  needsReencrypt(token: string): boolean {
    const parts = typeof token === 'string' ? token.split('.') : [];
    return !(parts.length === 5 && parts[0] === VERSION && parts[1] === this.activeKeyId);
  }
}
