import { z } from "zod";
import { PASSWORD_MAX } from "../limits.ts";
import { SessionInfo } from "./schemas.ts";

export const TOTP_DIGITS = 6;
export const TOTP_PERIOD_SECONDS = 30;
export const RECOVERY_CODE_COUNT = 10;
/** Room for a recovery code (`abcde-fghij`) typed with spaces or the dash. */
const CODE_MAX = 32;

/** A current code of the authenticator app. */
export const TotpCode = z.string().trim().regex(/^\d{6}$/);

export const TwoFactorCodeInput = z.object({ code: TotpCode });
export type TwoFactorCodeInput = z.infer<typeof TwoFactorCodeInput>;

/** The second step of a sign-in: a current code or one of the recovery codes. */
export const SecondStepInput = z.object({ code: z.string().trim().min(1).max(CODE_MAX) });
export type SecondStepInput = z.infer<typeof SecondStepInput>;

/** Turning two-factor off takes a current code, or the password when the device is gone. */
export const DisableTwoFactorInput = z.object({
  code: TotpCode.optional(),
  password: z.string().min(1).max(PASSWORD_MAX).optional(),
});
export type DisableTwoFactorInput = z.infer<typeof DisableTwoFactorInput>;

export const TwoFactorStatus = z.object({
  enabled: z.boolean(),
  enabledAt: z.iso.datetime().nullable(),
  recoveryCodesLeft: z.number().int(),
  /** A deployment setting requires it of one of the account's roles. */
  required: z.boolean(),
});
export type TwoFactorStatus = z.infer<typeof TwoFactorStatus>;

/** The secret of an enrolment in progress: shown once, as a QR code and for typing in by hand. */
export const TwoFactorEnrolment = z.object({
  secret: z.string(),
  uri: z.string(),
});
export type TwoFactorEnrolment = z.infer<typeof TwoFactorEnrolment>;

/** Shown once; only their hashes are kept. */
export const RecoveryCodes = z.object({ recoveryCodes: z.array(z.string()) });
export type RecoveryCodes = z.infer<typeof RecoveryCodes>;

/** The password was right and the account has two-factor: the sign-in waits for the code. */
export const SecondStepRequired = z.object({ twoFactorRequired: z.literal(true) });

export const LoginAnswer = z.union([SessionInfo, SecondStepRequired]);
export type LoginAnswer = z.infer<typeof LoginAnswer>;
