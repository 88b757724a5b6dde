import { and, count, eq, isNull, lte } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { twoFactorChallenges, twoFactorRecoveryCodes, twoFactorSecrets } from "../../db/schema.ts";

/** The account's authenticator, locked: two sign-ins racing with one code accept it once. */
export async function findSecretForUpdate(db: Db, accountId: string) {
  const [row] = await db.select().from(twoFactorSecrets).where(eq(twoFactorSecrets.accountId, accountId)).for("update");
  return row;
}

export async function findSecret(db: Db, accountId: string) {
  const [row] = await db.select().from(twoFactorSecrets).where(eq(twoFactorSecrets.accountId, accountId));
  return row;
}

/** Starts (or starts over) an enrolment: a pending secret replaces any earlier pending one. */
export async function savePendingSecret(db: Db, accountId: string, secretEncrypted: string, at: Date) {
  await db
    .insert(twoFactorSecrets)
    .values({ accountId, secretEncrypted, createdAt: at, enabledAt: null, lastUsedStep: null })
    .onConflictDoUpdate({ target: twoFactorSecrets.accountId, set: { secretEncrypted, createdAt: at, enabledAt: null, lastUsedStep: null } });
}

export async function enableSecret(db: Db, accountId: string, at: Date, step: number) {
  await db.update(twoFactorSecrets).set({ enabledAt: at, lastUsedStep: step }).where(eq(twoFactorSecrets.accountId, accountId));
}

export async function recordUsedStep(db: Db, accountId: string, step: number) {
  await db.update(twoFactorSecrets).set({ lastUsedStep: step }).where(eq(twoFactorSecrets.accountId, accountId));
}

export async function deleteTwoFactor(db: Db, accountId: string) {
  await db.delete(twoFactorRecoveryCodes).where(eq(twoFactorRecoveryCodes.accountId, accountId));
  await db.delete(twoFactorChallenges).where(eq(twoFactorChallenges.accountId, accountId));
  await db.delete(twoFactorSecrets).where(eq(twoFactorSecrets.accountId, accountId));
}

export async function replaceRecoveryCodes(db: Db, accountId: string, codeHashes: string[]) {
  await db.delete(twoFactorRecoveryCodes).where(eq(twoFactorRecoveryCodes.accountId, accountId));
  await db.insert(twoFactorRecoveryCodes).values(codeHashes.map((codeHash) => ({ accountId, codeHash })));
}

/** Marks an unused code used; false when there is none such (wrong, or used before). */
export async function useRecoveryCode(db: Db, accountId: string, codeHash: string, at: Date): Promise<boolean> {
  const used = await db
    .update(twoFactorRecoveryCodes)
    .set({ usedAt: at })
    .where(and(eq(twoFactorRecoveryCodes.accountId, accountId), eq(twoFactorRecoveryCodes.codeHash, codeHash), isNull(twoFactorRecoveryCodes.usedAt)))
    .returning({ id: twoFactorRecoveryCodes.id });
  return used.length > 0;
}

export async function countUnusedRecoveryCodes(db: Db, accountId: string): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(twoFactorRecoveryCodes)
    .where(and(eq(twoFactorRecoveryCodes.accountId, accountId), isNull(twoFactorRecoveryCodes.usedAt)));
  return Number(row?.n ?? 0);
}

export async function insertChallenge(db: Db, values: typeof twoFactorChallenges.$inferInsert, now: Date) {
  // Expired challenges are of no use to anyone: each new one sweeps them.
  await db.delete(twoFactorChallenges).where(lte(twoFactorChallenges.expiresAt, now));
  await db.insert(twoFactorChallenges).values(values);
}

export async function findChallenge(db: Db, tokenHash: string) {
  const [row] = await db.select().from(twoFactorChallenges).where(eq(twoFactorChallenges.tokenHash, tokenHash));
  return row;
}

export async function deleteChallenge(db: Db, tokenHash: string) {
  await db.delete(twoFactorChallenges).where(eq(twoFactorChallenges.tokenHash, tokenHash));
}
