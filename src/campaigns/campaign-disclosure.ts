import { isValidCreditCode } from '../common/credit-code';
import { DomainError } from '../common/errors';
import { cleanText } from '../common/text';

/** What the fundraising pages show about who is raising the money (《慈善组织信息公开办法》). */
export interface CampaignDisclosure {
  organizationName?: string;
  organizationCreditCode?: string;
  fundraisingQualification?: string;
  filingNumber?: string;
  contact?: string;
}

export const DISCLOSURE_FIELDS = ['organizationName', 'organizationCreditCode', 'fundraisingQualification', 'filingNumber', 'contact'] as const;

/** Chinese labels, in the order the pages show them. */
export const DISCLOSURE_LABELS: Record<(typeof DISCLOSURE_FIELDS)[number], string> = {
  organizationName: '募捐组织',
  organizationCreditCode: '统一社会信用代码',
  fundraisingQualification: '公开募捐资格证书',
  filingNumber: '慈善中国备案编号',
  contact: '联系方式',
};

/**
 * The set fields only, cleaned (blank ones dropped), the credit code upper-cased and checked by
 * GB 32100; null when nothing is set.
 */
export function normalizeDisclosure(input: Partial<Record<string, unknown>> | null | undefined): CampaignDisclosure | null {
  if (!input) return null;
  const out: CampaignDisclosure = {};
  for (const field of DISCLOSURE_FIELDS) {
    const value = typeof input[field] === 'string' ? cleanText(input[field]) : null;
    if (value) out[field] = value;
  }
  if (out.organizationCreditCode !== undefined) {
    out.organizationCreditCode = out.organizationCreditCode.toUpperCase();
    if (!isValidCreditCode(out.organizationCreditCode)) {
      throw new DomainError('INVALID_CREDIT_CODE', '统一社会信用代码不正确（GB 32100 校验未通过），请核对');
    }
  }
  return Object.keys(out).length > 0 ? out : null;
}

/** The set fields as label and value, in display order, for the pages. */
export function disclosureLines(disclosure: CampaignDisclosure | null): { field: string; label: string; value: string }[] {
  if (!disclosure) return [];
  return DISCLOSURE_FIELDS.filter((f) => disclosure[f]).map((f) => ({ field: f, label: DISCLOSURE_LABELS[f], value: disclosure[f] as string }));
}
