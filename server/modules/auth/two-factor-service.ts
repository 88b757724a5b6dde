import type { DisableTwoFactorInput, RecoveryCodes, TwoFactorEnrolment, TwoFactorStatus } from "@shared/auth/two-factor-schemas.ts";
import { writeAudit } from "../../audit/writer.ts";
import type { Clock } from "../../clock.ts";
import type { Config } from "../../config.ts";
import type { Db } from "../../db/client.ts";
import { AppError, conflict, invalidField } from "../../http/errors.ts";
import type { Actor } from "../../policy/actor.ts";
import { findAccountById } from "../accounts/queries.ts";
import { verifyPassword } from "./password-hash.ts";
import * as q from "./queries.ts";
import { type AuthContext, challengeHash, refuseWhileLocked, startSession, twoFactorRequired } from "./service.ts";
import { acceptedStep, newTotpSecret } from "./totp.ts";
import * as tf from "./two-factor-queries.ts";
import { decryptSecret, encryptSecret, newRecoveryCodes, recoveryCodeHash } from "./two-factor-secret.ts";

/** One's own two-factor settings: every action here is on the caller's own account. */
export interface OwnArgs<Input> {
  actor: Actor;
  input: Input;
  tx: Db;
  clock: Clock;
  config: Config;
}

const audit = (tx: Db, actor: Actor, clock: Clock, action: string, detail: Record<string, unknown> = {}) =>
  writeAudit(tx, { actor, clock }, { action, recordType: "account", recordId: actor.accountId, detail });

async function enabledSecretOf(tx: Db, accountId: string) {
  const secret = await tf.findSecretForUpdate(tx, accountId);
  if (!secret?.enabledAt) throw conflict("twoFactor.notEnabled");
  return secret;
}

/** Checks a current code of the account's authenticator and marks its step used, or throws naming `code`. */
async function useTotpCode(tx: Db, config: Config, clock: Clock, secret: { accountId: string; secretEncrypted: string; lastUsedStep: number | null }, code: string) {
  const step = acceptedStep(decryptSecret(config.sessionSecret, secret.secretEncrypted), code, clock.now(), secret.lastUsedStep);
  if (step === "wrong") throw invalidField("code", "twoFactor.wrongCode");
  if (step === "reused") throw invalidField("code", "twoFactor.codeUsed");
  await tf.recordUsedStep(tx, secret.accountId, step);
  return step;
}

async function issueRecoveryCodes(tx: Db, config: Config, accountId: string): Promise<RecoveryCodes> {
  const recoveryCodes = newRecoveryCodes();
  await tf.replaceRecoveryCodes(tx, accountId, recoveryCodes.map((code) => recoveryCodeHash(config.sessionSecret, code)));
  return { recoveryCodes };
}

export async function twoFactorStatus({ actor, tx, config }: OwnArgs<void>): Promise<TwoFactorStatus> {
  const secret = await tf.findSecret(tx, actor.accountId);
  const enabled = Boolean(secret?.enabledAt);
  return {
    enabled,
    enabledAt: secret?.enabledAt?.toISOString() ?? null,
    recoveryCodesLeft: enabled ? await tf.countUnusedRecoveryCodes(tx, actor.accountId) : 0,
    required: twoFactorRequired(config, actor.roles),
  };
}

/** A new secret, pending until confirmed with a code; starting again replaces a pending one. */
export async function startTwoFactorEnrolment({ actor, tx, clock, config }: OwnArgs<void>): Promise<TwoFactorEnrolment> {
  if ((await tf.findSecretForUpdate(tx, actor.accountId))?.enabledAt) throw conflict("twoFactor.alreadyEnabled");
  const enrolment = newTotpSecret(actor.username);
  await tf.savePendingSecret(tx, actor.accountId, encryptSecret(config.sessionSecret, enrolment.secret), clock.now());
  await audit(tx, actor, clock, "account.twoFactor.enrolmentStarted");
  return enrolment;
}

/** A code from the app proves it holds the secret: two-factor is on, and the recovery codes are shown once. */
export async function confirmTwoFactorEnrolment({ actor, input, tx, clock, config }: OwnArgs<{ code: string }>): Promise<RecoveryCodes> {
  const secret = await tf.findSecretForUpdate(tx, actor.accountId);
  if (!secret) throw conflict("twoFactor.notStarted");
  if (secret.enabledAt) throw conflict("twoFactor.alreadyEnabled");
  const step = await useTotpCode(tx, config, clock, secret, input.code);
  await tf.enableSecret(tx, actor.accountId, clock.now(), step);
  const codes = await issueRecoveryCodes(tx, config, actor.accountId);
  await audit(tx, actor, clock, "account.twoFactor.enabled");
  return codes;
}

/** Off with a current code, or with the password when the device is lost; not while a role requires it. */
export async function disableTwoFactor({ actor, input, tx, clock, config }: OwnArgs<DisableTwoFactorInput>): Promise<void> {
  const secret = await enabledSecretOf(tx, actor.accountId);
  if (twoFactorRequired(config, actor.roles)) throw conflict("twoFactor.requiredForRole");
  if (input.code) {
    await useTotpCode(tx, config, clock, secret, input.code);
  } else if (input.password) {
    const found = await findAccountById(tx, actor.accountId);
    if (!found || !(await verifyPassword(found.account.passwordHash, input.password))) throw invalidField("password", "password.wrongCurrent");
  } else {
    throw invalidField("code", "twoFactor.codeOrPassword");
  }
  await tf.deleteTwoFactor(tx, actor.accountId);
  await audit(tx, actor, clock, "account.twoFactor.disabled", { with: input.code ? "code" : "password" });
}

/** A new set of ten recovery codes; the old ones stop working. */
export async function regenerateRecoveryCodes({ actor, input, tx, clock, config }: OwnArgs<{ code: string }>): Promise<RecoveryCodes> {
  const secret = await enabledSecretOf(tx, actor.accountId);
  await useTotpCode(tx, config, clock, secret, input.code);
  const codes = await issueRecoveryCodes(tx, config, actor.accountId);
  await audit(tx, actor, clock, "account.twoFactor.recoveryCodesRegenerated");
  return codes;
}

/**
 * The second step of a sign-in: a current code (6 digits) or an unused recovery code. A wrong
 * one counts toward the username's lockout like a wrong password, and is recorded even though
 * the request fails (the route commits before it answers).
 */
export async function completeSecondStep(ctx: AuthContext, input: { challenge: string; code: string; userAgent: string | null }) {
  const { tx, clock, config, ip } = ctx;
  const now = clock.now();
  const challenge = await tf.findChallenge(tx, challengeHash(config, input.challenge));
  const found = challenge && challenge.expiresAt > now ? await findAccountById(tx, challenge.accountId) : undefined;
  if (!found || !found.account.active || !found.org.active) throw new AppError(401, "twoFactor.challengeExpired");
  const { account } = found;
  await refuseWhileLocked(tx, clock, config, account.username);
  const secret = await tf.findSecretForUpdate(tx, account.id);
  if (!secret?.enabledAt) throw new AppError(401, "twoFactor.challengeExpired");

  const totp = /^\d{6}$/.test(input.code);
  try {
    if (totp) await useTotpCode(tx, config, clock, secret, input.code);
    else if (!(await tf.useRecoveryCode(tx, account.id, recoveryCodeHash(config.sessionSecret, input.code), now))) {
      throw invalidField("code", "twoFactor.wrongCode");
    }
  } catch (error) {
    await q.recordFailure(tx, account.username, now, ip);
    await writeAudit(tx, { actor: null, clock, ip }, {
      action: "auth.login.failed",
      orgId: account.orgId,
      recordType: "account",
      recordId: account.id,
      detail: { username: account.username, step: "two-factor" },
    });
    throw error;
  }
  await tf.deleteChallenge(tx, challenge!.tokenHash);
  return startSession(ctx, account, input.userAgent, { username: account.username, secondFactor: totp ? "totp" : "recoveryCode" });
}
