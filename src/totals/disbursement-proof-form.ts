import type { FastifyRequest } from 'fastify';
import { DomainError } from '../common/errors';

/** The multipart form of a payment's proof: field `file`, optional `personalData` ("true") and other text fields. */
export const PROOF_FORM = {
  type: 'object' as const,
  properties: {
    file: { type: 'string' as const, format: 'binary', description: 'PDF, PNG or JPEG (by content), at most 5 MB' },
    personalData: {
      type: 'string' as const,
      enum: ['true', 'false'],
      description: 'true: the proof holds personal data; stored sealed and not shown publicly',
    },
  },
};

/** Reads a multipart form with at most one file in field `file` (at most 5 MB: 413 PAYLOAD_TOO_LARGE) and text fields. */
export async function readProofForm(request: FastifyRequest, fileRequired: boolean): Promise<{ file: Buffer | null; fields: Record<string, string> }> {
  if (!request.isMultipart()) throw new DomainError('UNSUPPORTED_MEDIA_TYPE', '请以 multipart/form-data 上传凭证（字段名 file）');
  let file: Buffer | null = null;
  const fields: Record<string, string> = {};
  for await (const part of request.parts()) {
    if (part.type !== 'file') {
      if (typeof part.value === 'string') fields[part.fieldname] = part.value;
      continue;
    }
    const bytes = await part.toBuffer();
    if (part.fieldname !== 'file' || file) throw new DomainError('VALIDATION_FAILED', '只能上传一个凭证文件（字段名 file）');
    if (part.file.truncated) throw new DomainError('PAYLOAD_TOO_LARGE', '凭证文件不能超过 5 MB');
    file = bytes.length > 0 ? bytes : null;
  }
  if (fileRequired && !file) throw new DomainError('VALIDATION_FAILED', '请选择凭证文件（字段名 file）');
  return { file, fields };
}
