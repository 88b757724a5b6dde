import { z } from "zod";
import { PASSWORD_MAX, USERNAME_MAX } from "../limits.ts";
import { Role } from "../roles.ts";
import { passwordField } from "../accounts/password.ts";

export const LoginInput = z.object({
  username: z.string().trim().min(1).max(USERNAME_MAX),
  password: z.string().min(1).max(PASSWORD_MAX),
});
export type LoginInput = z.infer<typeof LoginInput>;

export const SessionInfo = z.object({
  account: z.object({
    id: z.uuid(),
    username: z.string(),
    displayName: z.string(),
    roles: z.array(Role),
    mustChangePassword: z.boolean(),
    twoFactorEnabled: z.boolean(),
    /** A deployment setting requires two-factor of one of the account's roles and it has none yet. */
    mustEnrolTwoFactor: z.boolean(),
  }),
  org: z.object({ id: z.uuid(), name: z.string(), kind: z.string() }),
  csrfToken: z.string(),
  idleTimeoutMinutes: z.number().int(),
  demo: z.boolean(),
});
export type SessionInfo = z.infer<typeof SessionInfo>;

export const ChangePasswordInput = z.object({
  currentPassword: z.string().min(1).max(PASSWORD_MAX),
  newPassword: passwordField,
});
export type ChangePasswordInput = z.infer<typeof ChangePasswordInput>;
