import type { CreateAccountInput, UpdateAccountInput } from "@shared/accounts/schemas.ts";
import { writeAudit } from "../../audit/writer.ts";
import type { Db } from "../../db/client.ts";
import type { ActionArgs } from "../../http/action.ts";
import { AppError, conflict, notFound, staleVersion } from "../../http/errors.ts";
import type { Actor } from "../../policy/actor.ts";
import { requireAccess } from "../../policy/authorize.ts";
import { deleteSessionsOf } from "../auth/queries.ts";
import { hashPassword } from "../auth/password-hash.ts";
import { deleteTwoFactor, findSecret } from "../auth/two-factor-queries.ts";
import { loadTargetOrg } from "../orgs/target-org.ts";
import { accountPolicy } from "./policy.ts";
import * as q from "./queries.ts";

async function loadAccount(tx: Db, actor: Actor, id: string, action: keyof typeof accountPolicy) {
  const found = await q.findAccountById(tx, id);
  if (!found) throw notFound();
  requireAccess(actor, accountPolicy, action, { orgPath: found.org.path, ownerId: found.account.id });
  return found;
}

/**
 * The org an account is placed in must be active and inside the admin's jurisdiction. It is
 * an org, so the org policy decides 404 or 403: a missing org and one out of reach answer
 * alike, and one the actor can see in its tree answers 403.
 */
const usernameTaken = () => new AppError(409, "username.taken", { fields: [{ field: "username", message: "username.taken" }] });

async function saveAt(tx: Db, id: string, version: number, changes: Parameters<typeof q.updateAccountAt>[3]) {
  const row = await q.updateAccountAt(tx, id, version, changes);
  if (!row) throw staleVersion();
  const found = await q.findAccountById(tx, id);
  return found!;
}

/** Reading another person's full account (contact data) is audited; reading one's own is not. */
export async function getAccount({ actor, input, tx, clock }: ActionArgs<{ id: string }>) {
  const found = await loadAccount(tx, actor, input.id, "read");
  if (found.account.id !== actor.accountId) {
    await writeAudit(tx, { actor, clock }, { action: "account.read", orgId: found.org.id, recordType: "account", recordId: found.account.id });
  }
  return found;
}

export async function createAccount({ actor, input, tx, clock }: ActionArgs<CreateAccountInput>) {
  const org = await loadTargetOrg(tx, actor, input.orgId, accountPolicy, "create");
  if (await q.findAccountByUsername(tx, input.username)) throw usernameTaken();
  const now = clock.now();
  const account = await q.insertAccountIfUsernameFree(tx, {
    orgId: org.id,
    username: input.username,
    displayName: input.displayName,
    phone: input.phone ?? null,
    email: input.email ?? null,
    roles: input.roles,
    passwordHash: await hashPassword(input.password),
    mustChangePassword: true,
    passwordChangedAt: now,
    createdAt: now,
    updatedAt: now,
  });
  // The check above is for the common case; two admins creating the same name at once meet here.
  if (!account) throw usernameTaken();
  await writeAudit(tx, { actor, clock }, {
    action: "account.create",
    orgId: org.id,
    recordType: "account",
    recordId: account.id,
    detail: { username: account.username, roles: account.roles },
  });
  return { account, org };
}

export async function updateAccount({ actor, input, tx, clock }: ActionArgs<UpdateAccountInput & { id: string }>) {
  const before = await loadAccount(tx, actor, input.id, "update");
  const { id, version, ...changes } = input;
  if (changes.orgId && changes.orgId !== before.org.id) await loadTargetOrg(tx, actor, changes.orgId, accountPolicy, "create");
  const rolesChanged = changes.roles !== undefined && [...changes.roles].sort().join() !== [...before.account.roles].sort().join();
  if (id === actor.accountId && rolesChanged && !changes.roles?.includes("admin")) throw conflict("account.self");
  const after = await saveAt(tx, id, version, { ...changes, updatedAt: clock.now() });
  // A changed place or role changes what the account may reach: its open sessions end.
  if (rolesChanged || after.org.id !== before.org.id) await deleteSessionsOf(tx, id);
  await writeAudit(tx, { actor, clock }, {
    action: "account.update",
    orgId: after.org.id,
    recordType: "account",
    recordId: id,
    detail: {
      fields: Object.keys(changes).filter((key) => changes[key as keyof typeof changes] !== undefined),
      ...(rolesChanged ? { roles: after.account.roles } : {}),
      ...(after.org.id !== before.org.id ? { fromOrgId: before.org.id, toOrgId: after.org.id } : {}),
    },
  });
  return after;
}

export async function resetPassword({ actor, input, tx, clock }: ActionArgs<{ id: string; version: number; password: string }>) {
  const found = await loadAccount(tx, actor, input.id, "resetPassword");
  const now = clock.now();
  // Written at the version the admin saw, so a reset and an edit made at the same moment cannot overwrite each other.
  const after = await saveAt(tx, found.account.id, input.version, {
    passwordHash: await hashPassword(input.password),
    mustChangePassword: true,
    passwordChangedAt: now,
    updatedAt: now,
  });
  await deleteSessionsOf(tx, found.account.id);
  // The way back for a person who lost both the phone and the recovery codes: the reset also
  // removes the authenticator, and they enrol again (at once, where their role requires it).
  const twoFactorCleared = Boolean((await findSecret(tx, found.account.id))?.enabledAt);
  await deleteTwoFactor(tx, found.account.id);
  await writeAudit(tx, { actor, clock }, {
    action: "account.password.reset",
    orgId: found.org.id,
    recordType: "account",
    recordId: found.account.id,
    ...(twoFactorCleared ? { detail: { twoFactorCleared } } : {}),
  });
  return after;
}

export async function deactivateAccount({ actor, input, tx, clock }: ActionArgs<{ id: string; version: number }>) {
  const found = await loadAccount(tx, actor, input.id, "deactivate");
  if (found.account.id === actor.accountId) throw conflict("account.self");
  if (!found.account.active) throw conflict("account.alreadyInactive");
  const after = await saveAt(tx, found.account.id, input.version, { active: false, updatedAt: clock.now() });
  await deleteSessionsOf(tx, found.account.id);
  await writeAudit(tx, { actor, clock }, { action: "account.deactivate", orgId: found.org.id, recordType: "account", recordId: found.account.id });
  return after;
}

export async function reactivateAccount({ actor, input, tx, clock }: ActionArgs<{ id: string; version: number }>) {
  const found = await loadAccount(tx, actor, input.id, "reactivate");
  if (found.account.active) throw conflict("account.alreadyActive");
  if (!found.org.active) throw conflict("org.inactive");
  const after = await saveAt(tx, found.account.id, input.version, { active: true, updatedAt: clock.now() });
  await writeAudit(tx, { actor, clock }, { action: "account.reactivate", orgId: found.org.id, recordType: "account", recordId: found.account.id });
  return after;
}
