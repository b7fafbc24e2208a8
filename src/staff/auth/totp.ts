import { generateSecret, generateSync, generateURI, verifySync } from 'otplib';
import * as QRCode from 'qrcode';

/**
 * TOTP as authenticator apps speak it (RFC 6238: SHA-1, 6 digits, 30-second steps; otplib),
 * with a step of clock drift either way allowed.
 */
// ASCII: some authenticator apps show other issuers' names garbled.
const ISSUER = 'Wennuan';
const TOLERANCE_SECONDS = 30;

export function newTotpSecret(): string {
  return generateSecret({ length: 20 });
}

/** The otpauth:// link an authenticator app reads from the enrolment QR code. */
export function totpUri(secret: string, account: string): string {
  return generateURI({ issuer: ISSUER, label: account, secret });
}

export async function totpQrSvg(uri: string): Promise<string> {
  return QRCode.toString(uri, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
}

/**
 * The time step of `code` when it is right for `secret` and newer than `afterStep` (a code is
 * accepted once), else null.
 */
export function verifyTotp(secret: string, code: string, afterStep: number): number | null {
  if (!/^\d{6}$/.test(code)) return null;
  const result = verifySync({ secret, token: code, epochTolerance: TOLERANCE_SECONDS });
  // A TOTP result carries its time step (an HOTP one would not).
  if (!result.valid || !('timeStep' in result) || result.timeStep <= afterStep) return null;
  return result.timeStep;
}

/** The current code (tests and the enrolment check only). */
export function currentTotp(secret: string, epochSeconds?: number): string {
  return generateSync({ secret, ...(epochSeconds === undefined ? {} : { epoch: epochSeconds }) });
}
