import { z } from "zod";
import { PASSWORD_MAX, PASSWORD_MIN } from "../limits.ts";

const COMMON = new Set(["password123", "1234567890", "qwertyuiop", "huajie-demo", "admin12345", "abcdefghij"]);

/** Strength rule: long enough, at least three kinds of character, not a known common one. */
export function passwordWeakness(password: string): string | null {
  if (password.length < PASSWORD_MIN) return "password.tooShort";
  const kinds = [/[a-z]/, /[A-Z]/, /\d/, /[^A-Za-z0-9]/].filter((kind) => kind.test(password)).length;
  if (kinds < 3) return "password.tooSimple";
  if (COMMON.has(password.toLowerCase())) return "password.common";
  return null;
}

export const passwordField = z
  .string()
  .max(PASSWORD_MAX)
  .superRefine((value, ctx) => {
    const weakness = passwordWeakness(value);
    if (weakness) ctx.addIssue({ code: "custom", message: weakness });
  });
