import { Injectable } from '@nestjs/common';
import { createHash, randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { DomainError } from '../common/errors';
import { PiiCipher } from '../common/pii-cipher';
import { StorageDir } from '../common/storage-dir';
import { sniffImage } from '../common/image-type';

/** The multipart limit of the whole service (bootstrap.ts) is 5 MB per file. */
export const ATTACHMENT_MAX_BYTES = 5 * 1024 * 1024;
const ALLOWED = new Set(['application/pdf', 'image/png', 'image/jpeg']);
/** The AAD of a sealed proof: a sealed file of another kind cannot be read as one. */
const PURPOSE = 'disbursement-proof';

/** The type of an attachment by its content: a PDF, a PNG or a JPEG (what finance scans or exports). */
export function sniffAttachment(bytes: Buffer): { type: string; ext: string } | null {
  if (bytes.length > 5 && bytes.subarray(0, 5).toString('latin1') === '%PDF-') return { type: 'application/pdf', ext: 'pdf' };
  const image = sniffImage(bytes);
  return image && ALLOWED.has(image.type) ? image : null;
}

export interface StoredProof {
  path: string;
  type: string;
  sha256: string;
  sealed: boolean;
  size: number;
}

/**
 * Proofs of disbursement (transfer slips, acceptance letters), kept under $STORAGE_DIR/uploads/
 * disbursements with a random name and served publicly by the disbursement's id only. A proof that
 * holds personal data (a payment to a person: their name, account, ID number) is sealed with the
 * personal-data cipher before it touches the disk and is shown to staff only.
 */
@Injectable()
export class DisbursementAttachments {
  constructor(
    private readonly files: StorageDir,
    private readonly cipher: PiiCipher,
  ) {}

  /** Checks the content (PDF, PNG, JPEG; at most 5 MB; else 422 INVALID_ATTACHMENT), then stores it. */
  async store(bytes: Buffer, personalData = false): Promise<StoredProof> {
    const kind = sniffAttachment(bytes);
    if (!kind || bytes.length > ATTACHMENT_MAX_BYTES) throw new DomainError('INVALID_ATTACHMENT', '凭证须为 PDF、PNG 或 JPEG 文件，且不超过 5 MB');
    const path = join('uploads', 'disbursements', personalData ? `${randomUUID()}.sealed` : `${randomUUID()}.${kind.ext}`);
    await this.files.write(path, personalData ? this.cipher.sealBytes(bytes, PURPOSE) : bytes, personalData ? { mode: 0o600 } : {});
    return { path, type: kind.type, sha256: createHash('sha256').update(bytes).digest('hex'), sealed: personalData, size: bytes.length };
  }

  async read(path: string, sealed: boolean): Promise<Buffer> {
    const stored = await this.files.read(path);
    return sealed ? this.cipher.openBytes(stored, PURPOSE) : stored;
  }

  /** A proof whose record was never written (the transaction failed) is not kept. */
  async discard(proof: StoredProof): Promise<void> {
    await this.files.remove(proof.path).catch(() => undefined);
  }
}
