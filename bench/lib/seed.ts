// The office every benchmark works in: the test world (a county, townships, villages and an
// account of every role), a response plan at township A so incidents can be reported there,
// and sessions written straight into the store, as a sign-in would, so a thousand clients
// need neither a thousand argon2 hashes nor a pass through the sign-in rate limit.
import { randomBytes } from "node:crypto";
import type { Db } from "../../server/db/client.ts";
import { sessions } from "../../server/db/schema.ts";
import { newToken, tokenHash } from "../../server/modules/auth/tokens.ts";
import { makeWorld } from "../../server/testing/factories.ts";
import { makeResponsePlan, sampleReport } from "../../server/testing/incident-factories.ts";

export const benchSecret = () => randomBytes(32).toString("hex");

export interface BenchSession {
  cookie: string;
  csrfToken: string;
}

export async function seedOffice(db: Db) {
  const world = await makeWorld(db);
  const { plan } = await makeResponsePlan(db, world.townshipA);
  return { world, plan };
}
export type Office = Awaited<ReturnType<typeof seedOffice>>;

/** `count` sessions of the accounts given, in turn; what a client sends is cookie and CSRF header. */
export async function insertSessions(db: Db, secret: string, accountIds: string[], count: number): Promise<BenchSession[]> {
  const now = new Date();
  const made = Array.from({ length: count }, (_, i) => ({ token: newToken(), csrfToken: newToken(), accountId: accountIds[i % accountIds.length]! }));
  for (let i = 0; i < made.length; i += 500) {
    await db.insert(sessions).values(
      made.slice(i, i + 500).map((s) => ({ tokenHash: tokenHash(secret, s.token), accountId: s.accountId, csrfToken: s.csrfToken, createdAt: now, lastSeenAt: now, ip: null, userAgent: "bench" })),
    );
  }
  return made.map((s) => ({ cookie: `huajie_sid=${s.token}`, csrfToken: s.csrfToken }));
}

/** The body of a report at township A, occurring now. */
export const reportBody = (office: Office, n: number) =>
  JSON.stringify(sampleReport(office.world.townshipA, { title: `仓库火灾 ${n}`, occurredAt: new Date(Date.now() - 60_000).toISOString(), clientReportId: null }));
