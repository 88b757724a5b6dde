import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes, randomInt } from "node:crypto";
import { RECOVERY_CODE_COUNT } from "@shared/auth/two-factor-schemas.ts";

// The key is derived from SESSION_SECRET, so a copy of the database alone does not yield the
// authenticators' secrets; changing SESSION_SECRET therefore means enrolling again.
const keyOf = (sessionSecret: string) => Buffer.from(hkdfSync("sha256", sessionSecret, "huajie", "two-factor secret v1", 32));

/** AES-256-GCM: `v1.<iv>.<tag>.<ciphertext>`, base64url. */
export function encryptSecret(sessionSecret: string, secret: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", keyOf(sessionSecret), iv);
  const sealed = Buffer.concat([cipher.update(secret, "utf8"), cipher.final()]);
  return ["v1", iv, cipher.getAuthTag(), sealed].map((part) => (typeof part === "string" ? part : part.toString("base64url"))).join(".");
}

export function decryptSecret(sessionSecret: string, stored: string): string {
  const [, iv, tag, sealed] = stored.split(".").map((part) => Buffer.from(part, "base64url"));
  const decipher = createDecipheriv("aes-256-gcm", keyOf(sessionSecret), iv!);
  decipher.setAuthTag(tag!);
  return Buffer.concat([decipher.update(sealed!), decipher.final()]).toString("utf8");
}

// No 0/o, 1/l/i: codes are read off paper and typed in.
const ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789";

/** Ten codes of ten characters (about 49 bits each), shown as `abcde-fghij`. */
export function newRecoveryCodes(): string[] {
  return Array.from({ length: RECOVERY_CODE_COUNT }, () => {
    const chars = Array.from({ length: 10 }, () => ALPHABET[randomInt(ALPHABET.length)]).join("");
    return `${chars.slice(0, 5)}-${chars.slice(5)}`;
  });
}

/** What a person typed, as it was issued: case, spaces and the dash do not matter. */
export const normaliseRecoveryCode = (typed: string) => typed.toLowerCase().replace(/[\s-]/g, "");

/** Stored by keyed hash, like sessions: the table alone does not give a usable code. */
export const recoveryCodeHash = (sessionSecret: string, code: string) =>
  createHmac("sha256", sessionSecret).update(`recovery:${normaliseRecoveryCode(code)}`).digest("hex");
