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
import * as tf from "./two-factor-queries.ts";
import { newToken, sameToken, tokenHash } from "./tokens.ts";

export interface AuthContext {
  tx: Db;
  clock: Clock;
  config: Config;
  ip: string | null;
}

/**
 * Signs in; after `lockoutAttempts` failures within the window the username is locked until the
 * window passes. An account with two-factor gets a challenge for the second step, not a session.
 */
export async function signIn({ tx, clock, config, ip }: AuthContext, input: LoginInput & { userAgent: string | null }) {
  const username = input.username.toLowerCase();
  const now = clock.now();
  await refuseWhileLocked(tx, clock, config, username);

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

  const secret = await tf.findSecret(tx, found.account.id);
  if (secret?.enabledAt) {
    // The password alone opens nothing: the failure counter stays as it is until the code is right.
    const challenge = newToken();
    await tf.insertChallenge(tx, { tokenHash: challengeHash(config, challenge), accountId: found.account.id, expiresAt: new Date(now.getTime() + CHALLENGE_MS) }, now);
    await writeAudit(tx, { actor: null, clock, ip }, {
      action: "auth.login.secondStep",
      orgId: found.account.orgId,
      recordType: "account",
      recordId: found.account.id,
      detail: { username },
    });
    return { challenge };
  }
  return startSession({ tx, clock, config, ip }, found.account, input.userAgent, { username });
}

/** How long a sign-in waits for its second step. */
export const CHALLENGE_MS = 5 * 60_000;

export const challengeHash = (config: Config, challenge: string) => tokenHash(config.sessionSecret, `two-factor:${challenge}`);

/** Throws 429 while the username is locked out: too many failed passwords or codes within the window. */
export async function refuseWhileLocked(tx: Db, clock: Clock, config: Config, username: string) {
  const windowMs = config.lockoutWindowMinutes * 60_000;
  const failures = await q.recentFailures(tx, username, new Date(clock.now().getTime() - windowMs));
  const pivot = failures[config.lockoutAttempts - 1];
  if (pivot) throw new AppError(429, "login.locked", { retryAt: new Date(pivot.at.getTime() + windowMs) });
}

/** The sign-in succeeded (password, and the code where one is needed): a new session. */
export async function startSession(
  { tx, clock, config, ip }: AuthContext,
  account: { id: string; orgId: string; username: string },
  userAgent: string | null,
  detail: Record<string, unknown>,
) {
  const now = clock.now();
  const token = newToken();
  const csrfToken = newToken();
  await q.clearFailures(tx, account.username);
  await q.insertSession(tx, {
    tokenHash: tokenHash(config.sessionSecret, token),
    accountId: account.id,
    csrfToken,
    createdAt: now,
    lastSeenAt: now,
    ip,
    userAgent: userAgent?.slice(0, 300) ?? null,
  });
  await writeAudit(tx, { actor: null, clock, ip }, {
    action: "auth.login",
    orgId: account.orgId,
    recordType: "account",
    recordId: account.id,
    detail,
  });
  return { token, csrfToken };
}

export type SessionResolution =
  | { status: "none" }
  | { status: "expired" }
  | { status: "active"; actor: Actor; csrfToken: string; mustChangePassword: boolean; mustEnrolTwoFactor: boolean };

/** A deployment setting (TWO_FACTOR_REQUIRED_ROLES) requires two-factor of one of these roles. */
export const twoFactorRequired = (config: Config, roles: readonly string[]) => roles.some((role) => config.twoFactorRequiredRoles.includes(role as Role));

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
    mustEnrolTwoFactor: !found.twoFactorEnabledAt && twoFactorRequired(config, found.account.roles),
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
  const twoFactorEnabled = Boolean((await tf.findSecret(tx, actor.accountId))?.enabledAt);
  return {
    account: {
      id: found.account.id,
      username: found.account.username,
      displayName: found.account.displayName,
      roles: found.account.roles as Role[],
      mustChangePassword: found.account.mustChangePassword,
      twoFactorEnabled,
      mustEnrolTwoFactor: !twoFactorEnabled && twoFactorRequired(config, found.account.roles),
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
