/** A bank's reference for a transfer: 1-64 visible ASCII characters, recorded once per campaign. */
export const BANK_REFERENCE_PATTERN = /^[\x21-\x7E]{1,64}$/;
