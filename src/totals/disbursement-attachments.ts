import { Injectable } from '@nestjs/common';
import { createHash, randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { DomainError } from '../common/errors';
import { sniffImage } from '../receipts/screenshot-storage';
import { StorageDir } from '../common/storage-dir';

/** The multipart limit of the whole service (bootstrap.ts) is 5 MB per file. */
export const ATTACHMENT_MAX_BYTES = 5 * 1024 * 1024;
const ALLOWED = new Set(['application/pdf', 'image/png', 'image/jpeg']);

/** The type of an attachment by its content: a PDF, a PNG or a JPEG (what finance scans or exports). */
export function sniffAttachment(bytes: Buffer): { type: string; ext: string } | null {
  if (bytes.length > 5 && bytes.subarray(0, 5).toString('latin1') === '%PDF-') return { type: 'application/pdf', ext: 'pdf' };
  const image = sniffImage(bytes);
  return image && ALLOWED.has(image.type) ? image : null;
}

/**
 * Proofs of disbursement (transfer slips, acceptance letters), kept under $STORAGE_DIR/uploads/
 * disbursements with a random name and served publicly by the disbursement's id only.
 */
@Injectable()
export class DisbursementAttachments {
  constructor(private readonly files: StorageDir) {}

  async store(bytes: Buffer): Promise<{ path: string; type: string; sha256: string }> {
    const kind = sniffAttachment(bytes);
    if (!kind || bytes.length > ATTACHMENT_MAX_BYTES) throw new DomainError('INVALID_ATTACHMENT', '凭证须为 PDF、PNG 或 JPEG 文件，且不超过 5 MB');
    const path = join('uploads', 'disbursements', `${randomUUID()}.${kind.ext}`);
    await this.files.write(path, bytes);
    return { path, type: kind.type, sha256: createHash('sha256').update(bytes).digest('hex') };
  }

  read(path: string): Promise<Buffer> {
    return this.files.read(path);
  }
}
