import type { FastifyRequest } from 'fastify';
import { DomainError } from '../common/errors';

/** Largest bank statement accepted (a 10,000-line CSV is about 1 MB; bank XLSX exports are larger). */
export const STATEMENT_MAX_BYTES = 20 * 1024 * 1024;

export interface StatementUpload {
  campaignCode: string;
  /** A saved column mapping (statement_mappings) for a layout the importer does not recognise. */
  mappingId: string | null;
  file: { bytes: Buffer; filename: string };
}

/** Reads the multipart form of a statement import: field `campaignCode`, optional `mappingId`, and one file in field `file`. */
export async function readStatementUpload(req: FastifyRequest): Promise<StatementUpload> {
  if (!req.isMultipart()) throw new DomainError('UNSUPPORTED_MEDIA_TYPE', '请以 multipart/form-data 上传（字段 campaignCode 与 file）');
  let campaignCode: string | undefined;
  let mappingId: string | null = null;
  let file: { bytes: Buffer; filename: string } | undefined;
  for await (const part of req.parts({ limits: { fileSize: STATEMENT_MAX_BYTES, files: 1 } })) {
    if (part.type === 'file') {
      if (part.fieldname !== 'file' || file) {
        await part.toBuffer();
        throw new DomainError('VALIDATION_FAILED', '只能上传一个文件（字段名 file）');
      }
      file = { bytes: await part.toBuffer(), filename: part.filename };
    } else if (part.fieldname === 'campaignCode' && typeof part.value === 'string') {
      campaignCode = part.value.trim();
    } else if (part.fieldname === 'mappingId' && typeof part.value === 'string') {
      mappingId = part.value.trim() || null;
    }
  }
  if (!campaignCode) throw new DomainError('VALIDATION_FAILED', '缺少字段 campaignCode');
  if (!file || file.bytes.length === 0) throw new DomainError('VALIDATION_FAILED', '缺少银行流水文件（字段 file）');
  return { campaignCode, mappingId, file };
}
