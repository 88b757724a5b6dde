import type { ChangePasswordInput, LoginInput, SessionInfo } from "@shared/auth/schemas.ts";
import type { Role } from "@shared/roles.ts";
import { writeAudit } from "../../audit/writer.ts";
import type { Clock } from "../../clock.ts";
import type { Config } from "../../config.ts";
import type { Db } from "../../db/client.ts";
import { AppError, invalidField } from "../../http/errors.ts";
import type { Actor } from "../../policy/actor.ts";
import { findAccountById, updatePassword } from "../accounts/queries.ts";
import { decoyHash, hashPassword, verifyPassword } from "./password-hash.ts";
import * as q from "./queries.ts";
import { newToken, sameToken, tokenHash } from "./tokens.ts";

interface AuthContext {
  tx: Db;
  clock: Clock;
  config: Config;
  ip: string | null;
}

/** Signs in; after `lockoutAttempts` failures within the window the username is locked until the window passes. */
export async function signIn({ tx, clock, config, ip }: AuthContext, input: LoginInput & { userAgent: string | null }) {
  const username = input.username.toLowerCase();
  const now = clock.now();
  const windowMs = config.lockoutWindowMinutes * 60_000;
  const failures = await q.recentFailures(tx, username, new Date(now.getTime() - windowMs));
  const pivot = failures[config.lockoutAttempts - 1];
  if (pivot) throw new AppError(429, "login.locked", { retryAt: new Date(pivot.at.getTime() + windowMs) });

  const found = await q.findAccountForLogin(tx, username);
  const passwordOk = await verifyPassword(found?.account.passwordHash ?? (await decoyHash()), input.password);
  if (!found || !passwordOk || !found.account.active || !found.orgActive) {
    await q.recordFailure(tx, username, now, ip);
    await writeAudit(tx, { actor: null, clock, ip }, {
      action: "auth.login.failed",
      orgId: found?.account.orgId ?? null,
      detail: { username },
    });
    throw new AppError(401, "login.failed");
  }

  const token = newToken();
  const csrfToken = newToken();
  await q.clearFailures(tx, username);
  await q.insertSession(tx, {
    tokenHash: tokenHash(config.sessionSecret, token),
    accountId: found.account.id,
    csrfToken,
    createdAt: now,
    lastSeenAt: now,
    ip,
    userAgent: input.userAgent?.slice(0, 300) ?? null,
  });
  await writeAudit(tx, { actor: null, clock, ip }, {
    action: "auth.login",
    orgId: found.account.orgId,
    recordType: "account",
    recordId: found.account.id,
    detail: { username },
  });
  return { token, csrfToken };
}

export type SessionResolution =
  | { status: "none" }
  | { status: "expired" }
  | { status: "active"; actor: Actor; csrfToken: string; mustChangePassword: boolean };

/** Resolves a session cookie; an idle session past its timeout is removed. */
export async function resolveSession({ tx, clock, config, ip }: AuthContext, token: string): Promise<SessionResolution> {
  const hash = tokenHash(config.sessionSecret, token);
  const found = await q.findSession(tx, hash);
  if (!found) return { status: "none" };
  const now = clock.now();
  const idleMs = config.idleTimeoutMinutes * 60_000;
  if (now.getTime() - found.session.lastSeenAt.getTime() > idleMs || !found.account.active || !found.org.active) {
    await q.deleteSession(tx, hash);
    return { status: "expired" };
  }
  // Touch at most once a minute: most requests then need no write.
  if (now.getTime() - found.session.lastSeenAt.getTime() > 60_000) await q.touchSession(tx, hash, now);
  return {
    status: "active",
    csrfToken: found.session.csrfToken,
    mustChangePassword: found.account.mustChangePassword,
    actor: {
      accountId: found.account.id,
      username: found.account.username,
      displayName: found.account.displayName,
      orgId: found.org.id,
      orgPath: found.org.path,
      roles: found.account.roles as Role[],
      ip,
    },
  };
}

export async function signOut({ tx, clock, config }: AuthContext, actor: Actor, token: string) {
  await q.deleteSession(tx, tokenHash(config.sessionSecret, token));
  await writeAudit(tx, { actor, clock }, { action: "auth.logout", recordType: "account", recordId: actor.accountId });
}

export async function sessionInfo(tx: Db, config: Config, actor: Actor, csrfToken: string): Promise<SessionInfo> {
  const found = await findAccountById(tx, actor.accountId);
  if (!found) throw new AppError(401, "unauthenticated");
  return {
    account: {
      id: found.account.id,
      username: found.account.username,
      displayName: found.account.displayName,
      roles: found.account.roles as Role[],
      mustChangePassword: found.account.mustChangePassword,
    },
    org: { id: found.org.id, name: found.org.name, kind: found.org.kind },
    csrfToken,
    idleTimeoutMinutes: config.idleTimeoutMinutes,
    demo: config.demo,
  };
}

/** Changes one's own password; other sessions of the account end, this one stays. */
export async function changeOwnPassword(
  { tx, clock, config }: AuthContext,
  actor: Actor,
  token: string,
  input: ChangePasswordInput,
) {
  const found = await findAccountById(tx, actor.accountId);
  if (!found) throw new AppError(401, "unauthenticated");
  if (!(await verifyPassword(found.account.passwordHash, input.currentPassword))) {
    throw invalidField("currentPassword", "password.wrongCurrent");
  }
  if (sameToken(input.currentPassword, input.newPassword)) throw invalidField("newPassword", "password.sameAsOld");
  await updatePassword(tx, actor.accountId, await hashPassword(input.newPassword), false, clock.now());
  await q.deleteSessionsOf(tx, actor.accountId, tokenHash(config.sessionSecret, token));
  await writeAudit(tx, { actor, clock }, { action: "account.password.change", recordType: "account", recordId: actor.accountId });
}
