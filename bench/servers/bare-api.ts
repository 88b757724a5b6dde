// The API benchmark's baseline: a bare Fastify server doing what the incident routes do at
// their core, one INSERT of an incident or one indexed SELECT of a page of what the list shows
// (the columns of each incident and its org that a list row carries), on the same database,
// with no session, validation, policy, overdue count, total, audit or live event around it.
import Fastify from "fastify";
import { sql } from "drizzle-orm";
import { openDatabase } from "../../server/db/client.ts";

const env = process.env;
const db = env.DATABASE_URL ? await openDatabase({ kind: "postgres", url: env.DATABASE_URL }) : await openDatabase({ kind: "pglite", dataDir: env.DATA_DIR! });
const orgId = env.BENCH_ORG_ID!;
const accountId = env.BENCH_ACCOUNT_ID!;

const app = Fastify({ logger: false });
app.post("/bare/incidents", async (request) => {
  const body = request.body as { title: string; description: string; place: string; occurredAt: string; peopleInvolved: number };
  const now = new Date().toISOString();
  const result = await db.orm.execute(sql`
    INSERT INTO incidents (org_id, status, category, subtype, title, description, place, occurred_at, people_involved, reported_by, reported_at, updated_at)
    VALUES (${orgId}, 'reported', 'accident_disaster', '火灾事故', ${body.title}, ${body.description}, ${body.place}, ${body.occurredAt}, ${body.peopleInvolved}, ${accountId}, ${now}, ${now})
    RETURNING id`);
  return { id: (result as unknown as { rows: { id: string }[] }).rows[0]!.id };
});
app.get("/bare/incidents", async () => {
  const result = await db.orm.execute(sql`
    SELECT i.id, i.status, i.category, i.subtype, i.title, i.place, i.occurred_at, i.reported_at, i.level, i.suggested_level,
      i.deaths, i.injuries, i.missing, i.received_at, i.version, o.id AS org_id, o.name AS org_name
    FROM incidents i JOIN orgs o ON o.id = i.org_id
    WHERE i.org_id = ${orgId} AND i.status = 'reported' AND i.category = 'accident_disaster'
    ORDER BY i.reported_at DESC, i.id DESC LIMIT 50`);
  return { items: (result as unknown as { rows: unknown[] }).rows };
});

const stop = async () => {
  await app.close();
  await db.close();
  process.exit(0);
};
process.once("SIGTERM", stop);
await app.listen({ host: "127.0.0.1", port: Number(env.PORT) });
console.log("listening");
