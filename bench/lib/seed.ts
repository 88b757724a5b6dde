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

/**
 * Two years of incidents, newest first, over the orgs in turn, with one INSERT … SELECT
 * (generate_series), not the services: 60 % reported, 30 % open, 10 % closed, the four
 * categories in turn.
 */
export async function generateIncidents(run: (text: string) => Promise<unknown>, office: Office, orgIds: string[], rows: number) {
  const orgs = `ARRAY[${orgIds.map((id) => `'${id}'::uuid`).join(",")}]`;
  const by = `'${office.world.officer.id}'::uuid`;
  await run(
    `INSERT INTO incidents (org_id, status, category, subtype, title, description, place, occurred_at, people_involved,
       level, opened_at, opened_by, closed_at, closed_by, outcome, reported_by, reported_at, updated_at)
     SELECT (${orgs})[1 + g % ${orgIds.length}],
       CASE WHEN g % 10 < 6 THEN 'reported' WHEN g % 10 < 9 THEN 'open' ELSE 'closed' END,
       (ARRAY['natural_disaster','accident_disaster','public_health','social_security'])[1 + g % 4], NULL,
       '事件' || g, '批量生成的事件', '地点' || (g % 500), t - interval '30 minutes', g % 40,
       CASE WHEN g % 10 >= 6 THEN (ARRAY['I','II','III','IV'])[1 + g % 4] END,
       CASE WHEN g % 10 >= 6 THEN t END, CASE WHEN g % 10 >= 6 THEN ${by} END,
       CASE WHEN g % 10 = 9 THEN t + interval '1 day' END, CASE WHEN g % 10 = 9 THEN ${by} END, CASE WHEN g % 10 = 9 THEN '已处置完毕' END,
       ${by}, t, t
     FROM generate_series(1, ${rows}) g, LATERAL (SELECT now() - (g * (interval '2 years' / ${rows})) AS t) x`,
  );
}
