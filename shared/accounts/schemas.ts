import { z } from "zod";
import { Page, Phone, Version, listOf, requiredText } from "../common.ts";
import { NAME_MAX, SEARCH_MAX, USERNAME_MAX, USERNAME_MIN, USERNAME_PATTERN } from "../limits.ts";
import { Role } from "../roles.ts";
import { passwordField } from "./password.ts";

export const AccountAction = z.enum(["update", "resetPassword", "deactivate", "reactivate"]);
export type AccountAction = z.infer<typeof AccountAction>;

export const Account = z.object({
  id: z.uuid(),
  orgId: z.uuid(),
  orgName: z.string(),
  username: z.string(),
  displayName: z.string(),
  /** Masked (138****5678) unless the caller manages accounts in this jurisdiction. */
  phone: z.string().nullable(),
  email: z.string().nullable(),
  roles: z.array(Role),
  active: z.boolean(),
  mustChangePassword: z.boolean(),
  version: z.number().int(),
  updatedAt: z.string(),
  actions: z.array(AccountAction),
});
export type Account = z.infer<typeof Account>;
export const AccountList = listOf(Account);

const Username = z
  .string()
  .trim()
  .toLowerCase()
  .min(USERNAME_MIN)
  .max(USERNAME_MAX)
  .regex(USERNAME_PATTERN, { message: "username.invalid" });
const Roles = z.array(Role).min(1).max(8).refine((roles) => new Set(roles).size === roles.length, { message: "roles.duplicate" });
const Email = z.email().max(200);

export const CreateAccountInput = z.object({
  orgId: z.uuid(),
  username: Username,
  displayName: requiredText(NAME_MAX),
  phone: Phone.nullable().optional(),
  email: Email.nullable().optional(),
  roles: Roles,
  /** The first password; the account must change it at first sign-in. */
  password: passwordField,
});
export type CreateAccountInput = z.infer<typeof CreateAccountInput>;

export const UpdateAccountInput = z.object({
  version: Version,
  orgId: z.uuid().optional(),
  displayName: requiredText(NAME_MAX).optional(),
  phone: Phone.nullable().optional(),
  email: Email.nullable().optional(),
  roles: Roles.optional(),
});
export type UpdateAccountInput = z.infer<typeof UpdateAccountInput>;

export const ResetPasswordInput = z.object({ version: Version, password: passwordField });

export const AccountListQuery = Page.extend({
  q: z.string().trim().max(SEARCH_MAX).optional(),
  orgId: z.uuid().optional(),
  role: Role.optional(),
  includeInactive: z.enum(["true", "false"]).optional(),
});
