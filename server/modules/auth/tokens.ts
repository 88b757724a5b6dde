import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import type { Config } from "../../config.ts";

export const SESSION_COOKIE = "huajie_sid";
/** Between a right password and the code of a two-factor sign-in; good for that second step only. */
export const CHALLENGE_COOKIE = "huajie_2fa";

export const newToken = () => randomBytes(32).toString("base64url");

/** Sessions are stored by keyed hash: the database alone does not yield a usable cookie. */
export const tokenHash = (secret: string, token: string) => createHmac("sha256", secret).update(token).digest("hex");

export function sameToken(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

export const cookieOptionsOf = (config: Config) => ({ path: "/", httpOnly: true, sameSite: "strict" as const, secure: config.cookieSecure });
