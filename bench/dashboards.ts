// Dashboards: a bulk generator writes incidents and disputes with generate_series (an
// INSERT … SELECT each, not the services), then the queries behind the screens people watch
// are timed: the dispute statistics, the incident list with filters and with a text search,
// and the live board. Every statement they issue is captured, timed on its own, and its
// EXPLAIN (ANALYZE, BUFFERS) written to bench/plans/<db>-<query>-<n>.txt, so a plan that
// changes shows in the diff. Baseline: a plain count(*) of the same table.
import { mkdir, writeFile } from "node:fs/promises";
import { performance } from "node:perf_hooks";
import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import type { Logger } from "drizzle-orm";
import { drizzle as drizzleNodePg } from "drizzle-orm/node-postgres";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import pg from "pg";
import { type Clock, systemClock } from "../server/clock.ts";
import type { Db } from "../server/db/client.ts";
import * as schema from "../server/db/schema.ts";
import { disputeStats } from "../server/modules/disputes/stats-service.ts";
import { listIncidents } from "../server/modules/incidents/queries.ts";
import { makeOrg } from "../server/testing/factories.ts";
import { actorOfAccount } from "../server/testing/incident-factories.ts";
import { getLiveBoard } from "../server/realtime/board.ts";
import type { BenchOptions } from "./options.ts";
import { type BenchResult, type Row, lowerBetter, percentile } from "./lib/report.ts";
import { type Office, generateIncidents, seedOffice } from "./lib/seed.ts";
import type { BenchTarget } from "./lib/target.ts";

const REPEATS = 5;
const TARGET_MS = 200;
const plansDir = new URL("./plans/", import.meta.url);

interface Raw {
  orm: Db;
  query(text: string, params: unknown[]): Promise<{ rows: Record<string, unknown>[] }>;
  close(): Promise<void>;
}

/** A connection of our own whose Drizzle logger hands every statement to `captured`. */
async function openRaw(target: BenchTarget, captured: { text: string; params: unknown[] }[]): Promise<Raw> {
  const logger: Logger = { logQuery: (text, params) => captured.push({ text, params }) };
  if (target.kind === "pglite") {
    const client = await PGlite.create({ dataDir: target.env.DATA_DIR!, extensions: { pg_trgm } });
    return {
      orm: drizzlePglite(client, { schema, logger }) as unknown as Db,
      query: (text, params) => client.query(text, params as never[]),
      close: () => client.close(),
    };
  }
  const pool = new pg.Pool({ connectionString: target.env.DATABASE_URL, max: 4 });
  return { orm: drizzleNodePg(pool, { schema, logger }) as unknown as Db, query: (text, params) => pool.query(text, params), close: () => pool.end() };
}

/** Villages under both townships, so the statistics have orgs below to count by. */
async function addVillages(orm: Db, office: Office) {
  const villages = [office.world.villageA, office.world.villageB];
  for (const township of [office.world.townshipA, office.world.townshipB]) {
    for (let i = 1; i <= 10; i++) villages.push(await makeOrg(orm, { parent: township, name: `${township.name}${i}村`, kind: "village" }));
  }
  return [office.world.townshipA, office.world.townshipB, ...villages].map((org) => org.id);
}

async function generate(raw: Raw, office: Office, orgIds: string[], rows: number) {
  const orgs = `ARRAY[${orgIds.map((id) => `'${id}'::uuid`).join(",")}]`;
  const by = `'${office.world.officer.id}'::uuid`;
  const types = (await raw.query("SELECT key FROM dispute_types ORDER BY position", [])).rows.map((row) => `'${String(row.key)}'`);
  await generateIncidents((text) => raw.query(text, []), office, orgIds, rows);
  const statuses = `(ARRAY['registered','registered','accepted','accepted','in_mediation','in_mediation','agreed','agreed','agreed','not_agreed','withdrawn','refused','closed'])`;
  await raw.query(
    `INSERT INTO disputes (org_id, case_org_id, case_year, case_seq, status, source, type, summary, claims, people_involved, occurred_at,
       risk, level, route, registered_by, registered_at, updated_at,
       accepted_at, accepted_by, acceptance_reason, mediation_due_at, refused_at, refused_by, refusal_reason, redirect_to, concluded_at)
     SELECT o, o, 2000 + g % 50, g, s, 'walk_in', (ARRAY[${types.join(",")}])[1 + g % ${types.length}], '批量生成的纠纷' || g, '请求调解', 2 + g % 5, t - interval '1 day',
       'low', 'village', 'people', ${by}, t, t,
       CASE WHEN s NOT IN ('registered','refused') THEN t + interval '1 day' END, CASE WHEN s NOT IN ('registered','refused') THEN ${by} END,
       CASE WHEN s NOT IN ('registered','refused') THEN '符合受理条件' END, CASE WHEN s NOT IN ('registered','refused') THEN t + interval '31 days' END,
       CASE WHEN s = 'refused' THEN t + interval '1 day' END, CASE WHEN s = 'refused' THEN ${by} END, CASE WHEN s = 'refused' THEN '不属于调解范围' END,
       CASE WHEN s = 'refused' THEN 'court' END,
       CASE WHEN s IN ('agreed','not_agreed','withdrawn','closed') THEN t + interval '20 days' END
     FROM generate_series(1, ${rows}) g,
       LATERAL (SELECT (${orgs})[1 + g % ${orgIds.length}] AS o, ${statuses}[1 + g % 13] AS s, now() - (g * (interval '2 years' / ${rows})) AS t) x`,
    [],
  );
  // Two years of rows have been vacuumed by autovacuum many times over (and the embedded node
  // vacuums itself): index-only scans see the visibility map of that steady state.
  await raw.query("VACUUM ANALYZE", []);
}

async function timed(fn: () => Promise<unknown>): Promise<number[]> {
  await fn();
  const times: number[] = [];
  for (let i = 0; i < REPEATS; i++) {
    const start = performance.now();
    await fn();
    times.push(performance.now() - start);
  }
  return times;
}

export async function dashboardsBench(target: BenchTarget, options: BenchOptions): Promise<BenchResult> {
  const rowCount = options.rows ?? (target.kind === "postgres" ? 1_000_000 : 100_000);
  const captured: { text: string; params: unknown[] }[] = [];
  const raw = await openRaw(target, captured);
  try {
    const office = await seedOffice(raw.orm);
    const orgIds = await addVillages(raw.orm, office);
    const started = performance.now();
    await generate(raw, office, orgIds, rowCount);
    const generatedIn = (performance.now() - started) / 1000;

    const clock: Clock = systemClock;
    const admin = actorOfAccount(office.world.countyAdmin, office.world.county);
    const officer = actorOfAccount(office.world.officer, office.world.townshipA);
    const yearAgo = new Date(Date.now() - 365 * 86_400_000).toISOString();
    const screens: [string, () => Promise<unknown>][] = [
      ["dispute-stats-county-year", () => raw.orm.transaction((tx) => disputeStats({ actor: admin, tx, clock, input: { orgId: office.world.county.id, from: yearAgo, bucket: "month" } }))],
      ["dispute-stats-township-all", () => raw.orm.transaction((tx) => disputeStats({ actor: officer, tx, clock, input: { bucket: "week" } }))],
      ["incident-list-filtered", () => listIncidents(raw.orm, officer, { orgId: office.world.townshipA.id, status: "open", category: "accident_disaster", offset: 0, limit: 50 }, clock.now())],
      ["incident-list-search", () => listIncidents(raw.orm, admin, { q: "地点42", offset: 0, limit: 50 }, clock.now())],
      ["live-board", () => raw.orm.transaction((tx) => getLiveBoard({ actor: officer, tx, clock, input: {} }))],
    ];

    const baseline = {
      incidents: percentile(await timed(() => raw.query("SELECT count(*) FROM incidents", [])), 50),
      disputes: percentile(await timed(() => raw.query("SELECT count(*) FROM disputes", [])), 50),
    };
    await mkdir(plansDir, { recursive: true });
    const rows: Row[] = [];
    const notes = [`${rowCount} incidents and ${rowCount} disputes generated in ${generatedIn.toFixed(0)} s; median of ${REPEATS} runs after one warm-up`];
    for (const [name, run] of screens) {
      const base = name.startsWith("dispute") ? baseline.disputes : baseline.incidents;
      rows.push(lowerBetter(name, "ms", percentile(await timed(run), 50), base, target.kind === "postgres" ? TARGET_MS : undefined));
      captured.length = 0;
      await run();
      // A statement repeated per row shown (the board's per-incident reads) is planned once.
      const statements = [...new Map(captured.filter((s) => /^\s*(select|with)/i.test(s.text)).map((s) => [s.text, s])).values()];
      let slowest = { ms: 0, n: 0 };
      for (const [n, statement] of statements.entries()) {
        const plan = await raw.query(`EXPLAIN (ANALYZE, BUFFERS) ${statement.text}`, statement.params);
        const text = plan.rows.map((row) => String(Object.values(row)[0])).join("\n");
        await writeFile(new URL(`${target.kind}-${name}-${n + 1}.txt`, plansDir), `${statement.text}\n\n${text}\n`);
        const ms = Number(/Execution Time: ([\d.]+) ms/.exec(text)?.[1] ?? 0);
        if (ms > slowest.ms) slowest = { ms, n: n + 1 };
      }
      notes.push(`${name}: ${captured.length} statements (${statements.length} distinct), slowest #${slowest.n} at ${slowest.ms.toFixed(1)} ms (plans/${target.kind}-${name}-${slowest.n}.txt)`);
    }
    rows.push(lowerBetter("count(*) incidents", "ms", baseline.incidents, null), lowerBetter("count(*) disputes", "ms", baseline.disputes, null));
    return { name: "dashboards", db: target.kind, baseline: "SELECT count(*) of the same table", rows, notes };
  } finally {
    await raw.close();
  }
}
