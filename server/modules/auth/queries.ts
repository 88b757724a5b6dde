import { and, desc, eq, gt, ne, sql } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { preparedPerHandle } from "../../db/prepared.ts";
import { accounts, loginFailures, orgs, sessions, twoFactorSecrets } from "../../db/schema.ts";

export async function findAccountForLogin(db: Db, username: string) {
  const [row] = await db
    .select({ account: accounts, orgPath: orgs.path, orgActive: orgs.active })
    .from(accounts)
    .innerJoin(orgs, eq(orgs.id, accounts.orgId))
    .where(eq(accounts.username, username));
  return row;
}

export async function recentFailures(db: Db, username: string, since: Date) {
  return db
    .select({ at: loginFailures.at })
    .from(loginFailures)
    .where(and(eq(loginFailures.username, username), gt(loginFailures.at, since)))
    .orderBy(desc(loginFailures.at));
}

export async function recordFailure(db: Db, username: string, at: Date, ip: string | null) {
  await db.insert(loginFailures).values({ username, at, ip });
}

export async function clearFailures(db: Db, username: string) {
  await db.delete(loginFailures).where(eq(loginFailures.username, username));
}

export async function insertSession(db: Db, values: typeof sessions.$inferInsert) {
  await db.insert(sessions).values(values);
}

/** What a request's session check reads of its session, account and org (`resolveSession`, the live socket). */
const sessionColumns = {
  session: { lastSeenAt: sessions.lastSeenAt, csrfToken: sessions.csrfToken },
  account: {
    id: accounts.id,
    username: accounts.username,
    displayName: accounts.displayName,
    roles: accounts.roles,
    active: accounts.active,
    mustChangePassword: accounts.mustChangePassword,
  },
  org: { id: orgs.id, path: orgs.path, active: orgs.active },
  twoFactorEnabledAt: twoFactorSecrets.enabledAt,
};

const sessionQuery = preparedPerHandle((db) =>
  db
    .select(sessionColumns)
    .from(sessions)
    .innerJoin(accounts, eq(accounts.id, sessions.accountId))
    .innerJoin(orgs, eq(orgs.id, accounts.orgId))
    .leftJoin(twoFactorSecrets, eq(twoFactorSecrets.accountId, accounts.id))
    .where(eq(sessions.tokenHash, sql.placeholder("tokenHash")))
    .prepare("find_session"),
);

/** Every API request runs this before anything else. */
export async function findSession(db: Db, tokenHash: string) {
  const [row] = await sessionQuery(db).execute({ tokenHash });
  return row;
}

export async function touchSession(db: Db, tokenHash: string, at: Date) {
  await db.update(sessions).set({ lastSeenAt: at }).where(eq(sessions.tokenHash, tokenHash));
}

export async function deleteSession(db: Db, tokenHash: string) {
  await db.delete(sessions).where(eq(sessions.tokenHash, tokenHash));
}

/** Ends every session of an account: after a password reset, a deactivation or a role change. */
export async function deleteSessionsOf(db: Db, accountId: string, exceptTokenHash?: string) {
  await db
    .delete(sessions)
    .where(and(eq(sessions.accountId, accountId), exceptTokenHash ? ne(sessions.tokenHash, exceptTokenHash) : undefined));
}
