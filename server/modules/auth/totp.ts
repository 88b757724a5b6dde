import { Secret, TOTP } from "otpauth";
import { TOTP_DIGITS, TOTP_PERIOD_SECONDS } from "@shared/auth/two-factor-schemas.ts";

const ISSUER = "Huajie 化解";

const totpOf = (base32Secret: string, label = "") =>
  new TOTP({ issuer: ISSUER, label, algorithm: "SHA1", digits: TOTP_DIGITS, period: TOTP_PERIOD_SECONDS, secret: Secret.fromBase32(base32Secret) });

/** A new random secret (160 bits, as RFC 4226 recommends) in base32, and its otpauth:// URI for the QR code. */
export function newTotpSecret(username: string) {
  const secret = new Secret({ size: 20 }).base32;
  return { secret, uri: totpOf(secret, username).toString() };
}

/**
 * The time step of a code valid now (one step of clock drift either way), "wrong", or "reused"
 * for a step at or before `lastUsedStep`: a code overheard or replayed within its window is no key.
 */
export function acceptedStep(base32Secret: string, code: string, now: Date, lastUsedStep: number | null): number | "wrong" | "reused" {
  const timestamp = now.getTime();
  const delta = totpOf(base32Secret).validate({ token: code, timestamp, window: 1 });
  if (delta === null) return "wrong";
  const step = TOTP.counter({ period: TOTP_PERIOD_SECONDS, timestamp }) + delta;
  return lastUsedStep !== null && step <= lastUsedStep ? "reused" : step;
}
