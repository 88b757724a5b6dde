// API throughput: an authenticated create-incident and a filtered incident list through a
// real `huajie serve` node, against a bare Fastify server doing the same single INSERT or
// indexed SELECT on the same database. On PGlite the node runs once per EMBEDDED_SYNC value,
// so the cost of syncing the write-ahead log at each commit shows beside the baseline.
import autocannon from "autocannon";
import { sql } from "drizzle-orm";
import type { BenchOptions } from "./options.ts";
import { type Child, startBare, startNode } from "./lib/node.ts";
import { type BenchResult, higherBetter, lowerBetter } from "./lib/report.ts";
import { benchSecret, generateIncidents, insertSessions, reportBody, seedOffice } from "./lib/seed.ts";
import { type BenchTarget } from "./lib/target.ts";

interface Load {
  rps: number;
  p99: number;
  failed: number;
  /** The server process's CPU time per answered request: where the two servers' costs part. */
  cpuMsPerRequest: number;
}

async function load(server: Child, path: string, options: BenchOptions, request: { method: string; headers?: Record<string, string>; body?: string }): Promise<Load> {
  const cpuBefore = await server.cpuMs();
  const result = await autocannon({ url: `${server.url}${path}`, connections: options.connections, duration: options.duration, ...request });
  const cpuMsPerRequest = ((await server.cpuMs()) - cpuBefore) / Math.max(1, result.requests.total);
  return { rps: result.requests.average, p99: result.latency.p99, failed: result.non2xx + result.errors + result.timeouts, cpuMsPerRequest };
}

/** Incidents already in the office when the lists are read: about two years of a county's reports. */
const EXISTING_INCIDENTS = 20_000;

export async function apiBench(target: BenchTarget, options: BenchOptions): Promise<BenchResult> {
  const secret = benchSecret();
  const db = await target.open();
  const office = await seedOffice(db.orm);
  const { townshipA, townshipB, villageB } = office.world;
  // Three orgs, so the categories and statuses do not fall in step with the org (the generator
  // takes each in turn); township A's subtree then holds about 1,000 reported accidents, all its own.
  await generateIncidents((text) => db.orm.execute(sql.raw(text)), office, [townshipA.id, townshipB.id, villageB.id], EXISTING_INCIDENTS);
  await db.orm.execute(sql`VACUUM ANALYZE incidents`);
  const [session] = await insertSessions(db.orm, secret, [office.world.officer.id], 1);
  await db.close();
  const listQuery = `orgId=${townshipA.id}&status=reported&category=accident_disaster&limit=50`;
  const create = { method: "POST", headers: { cookie: session!.cookie, "x-csrf-token": session!.csrfToken, "content-type": "application/json" }, body: reportBody(office, 0) };
  const list = { method: "GET", headers: { cookie: session!.cookie } };

  /** A warm-up of 2 s first for the lists: their first requests plan and cache what the rest reuse. */
  const measure = async (child: Child, path: string, request: typeof list, warmUp: boolean) => {
    try {
      if (warmUp) await load(child, path, { ...options, duration: 2 }, request);
      return await load(child, path, options, request);
    } finally {
      await child.stop();
    }
  };
  const node = (mode: string | null) => startNode(target.env, secret, mode ? { EMBEDDED_SYNC: mode } : {});
  const bareNode = () => startBare("bare-api.ts", { ...target.env, BENCH_ORG_ID: townshipA.id, BENCH_ACCOUNT_ID: office.world.officer.id });

  // Every list reads the same table: all of them run before any create adds rows to it.
  const modes = target.kind === "pglite" ? ["commit", "off"] : [null];
  const lists: Load[] = [];
  for (const mode of modes) lists.push(await measure(await node(mode), `/api/incidents?${listQuery}`, list, true));
  // The lightest authenticated read (the session, its account and two-factor state): the floor
  // under every API route, set beside the bare list.
  const sessionRead = await measure(await node(modes[0]!), "/api/auth/session", list, true);
  const bareList = await measure(await bareNode(), "/bare/incidents", list, true);
  const creates: Load[] = [];
  for (const mode of modes) creates.push(await measure(await node(mode), "/api/incidents", create, false));
  const bare = { list: bareList, create: await measure(await bareNode(), "/bare/incidents", create, false) };

  const rows = [];
  const notes = [
    `${options.connections} connections, ${options.duration} s per measure; lists first, on the same ${EXISTING_INCIDENTS} incidents, then creates; list filters: org subtree, status, category, 50 a page`,
  ];
  for (const [i, mode] of modes.entries()) {
    const label = mode ? ` [EMBEDDED_SYNC=${mode}]` : "";
    const figures = { list: lists[i]!, create: creates[i]! };
    rows.push(higherBetter(`create incident${label}`, "req/s", figures.create.rps, bare.create.rps, { ratio: 0.5 }));
    rows.push(lowerBetter(`create incident p99${label}`, "ms", figures.create.p99, bare.create.p99));
    rows.push(lowerBetter(`create incident, server CPU a request${label}`, "ms", figures.create.cpuMsPerRequest, bare.create.cpuMsPerRequest));
    rows.push(higherBetter(`list incidents${label}`, "req/s", figures.list.rps, bare.list.rps, { ratio: 0.5 }));
    rows.push(lowerBetter(`list incidents p99${label}`, "ms", figures.list.p99, bare.list.p99));
    rows.push(lowerBetter(`list incidents, server CPU a request${label}`, "ms", figures.list.cpuMsPerRequest, bare.list.cpuMsPerRequest));
    const failed = figures.create.failed + figures.list.failed;
    if (failed > 0) notes.push(`${failed} requests failed or were not 2xx${label}`);
  }
  rows.push(higherBetter("session read alone (GET /api/auth/session), against the bare list", "req/s", sessionRead.rps, bare.list.rps));
  rows.push(lowerBetter("session read alone, server CPU a request", "ms", sessionRead.cpuMsPerRequest, bare.list.cpuMsPerRequest));
  if (sessionRead.failed > 0) notes.push(`${sessionRead.failed} session reads failed or were not 2xx`);
  if (bare.create.failed + bare.list.failed > 0) notes.push(`${bare.create.failed + bare.list.failed} baseline requests failed`);
  return { name: "api", db: target.kind, baseline: "bare Fastify route, same single INSERT / indexed SELECT, same database", rows, notes };
}
