// Deadlines: N deadlines due within the same minute, fired by a node's scheduler, first with
// no other work (the baseline), then while the node serves an API load (reports and lists from
// a separate process). Measures how late each fires (p50/p99/max) and that each fired once.
// The node runs in this process, so that a bench-only handler kind can join the registry.
import { spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import type { AddressInfo } from "node:net";
import { and, count, eq, sql } from "drizzle-orm";
import { buildApp } from "../server/app.ts";
import { systemClock } from "../server/clock.ts";
import { loadConfig } from "../server/config.ts";
import type { Database } from "../server/db/client.ts";
import { deadlines } from "../server/db/schema.ts";
import { deadlineHandlers } from "../server/deadlines/handlers.ts";
import { POLL_INTERVAL_MS, startScheduler } from "../server/deadlines/scheduler.ts";
import type { BenchOptions } from "./options.ts";
import { type BenchResult, lowerBetter, percentile } from "./lib/report.ts";
import { type Office, benchSecret, insertSessions, reportBody, seedOffice } from "./lib/seed.ts";
import type { BenchTarget } from "./lib/target.ts";

const KIND = "bench.due";
const LEAD_MS = 10_000;
const WINDOW_MS = 60_000;
const DRAIN_MS = 60_000;

interface Phase {
  lateness: number[];
  /** Deadlines whose handler ran more than once, and those never fired. */
  repeated: number;
  unfired: number;
  handled: number;
  /** Rows the store marks fired: equal to the deadlines handled when each fired exactly once. */
  storedFired: number;
  load: { answered: number; failed: number; rps: number; how: { timeouts: number; errors: number; statuses: string } } | null;
}

/** Writes `n` deadlines of the bench kind due evenly over the window starting LEAD_MS from now. */
async function scheduleBatch(db: Database, office: Office, n: number, batch: string): Promise<number> {
  const start = Date.now() + LEAD_MS;
  const rows = Array.from({ length: n }, (_, i) => ({
    kind: KIND,
    subjectType: "bench",
    subjectId: randomUUID(),
    orgId: office.world.townshipA.id,
    dueAt: new Date(start + Math.floor((i * WINDOW_MS) / n)),
    payload: { batch },
    status: "pending",
    createdAt: new Date(),
  }));
  for (let i = 0; i < rows.length; i += 1000) await db.orm.insert(deadlines).values(rows.slice(i, i + 1000));
  return start;
}

function runLoad(url: string, office: Office, session: { cookie: string; csrfToken: string }, options: BenchOptions, seconds: number) {
  const child = spawn(process.execPath, ["--import", "tsx", new URL("./servers/load.ts", import.meta.url).pathname], {
    env: {
      ...process.env,
      LOAD_URL: url,
      LOAD_CONNECTIONS: String(options.connections),
      LOAD_SECONDS: String(seconds),
      LOAD_HEADERS: JSON.stringify({ cookie: session.cookie, "x-csrf-token": session.csrfToken }),
      LOAD_BODY: reportBody(office, 0),
      LOAD_LIST_PATH: `/api/incidents?orgId=${office.world.townshipA.id}&status=reported&limit=50`,
    },
    stdio: ["ignore", "pipe", "inherit"],
  });
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
  return new Promise<Phase["load"]>((resolve) => child.once("exit", () => resolve(output.trim() ? (JSON.parse(output.trim().split("\n").pop()!) as Phase["load"]) : null)));
}

export async function deadlinesBench(target: BenchTarget, options: BenchOptions): Promise<BenchResult> {
  const db = await target.open();
  const secret = benchSecret();
  const office = await seedOffice(db.orm);
  const [session] = await insertSessions(db.orm, secret, [office.world.officer.id], 1);
  const config = loadConfig({ NODE_ENV: "production", SESSION_SECRET: secret, COOKIE_SECURE: "false", LOG_LEVEL: "warn" });
  const app = await buildApp({ db, clock: systemClock, config }, { logger: false });
  await app.listen({ host: "127.0.0.1", port: 0 });
  const url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;

  let fired = new Map<string, number>();
  let lateness: number[] = [];
  const scheduler = await startScheduler({
    db,
    clock: systemClock,
    handlers: {
      ...deadlineHandlers,
      [KIND]: async ({ deadline }) => {
        lateness.push(Date.now() - deadline.dueAt.getTime());
        fired.set(deadline.id, (fired.get(deadline.id) ?? 0) + 1);
      },
    },
    onError: (error) => console.error("deadline failed:", error),
  });

  const phase = async (batch: string, withLoad: boolean): Promise<Phase> => {
    fired = new Map();
    lateness = [];
    const start = await scheduleBatch(db, office, options.deadlines, batch);
    const load = withLoad ? runLoad(url, office, session!, options, Math.ceil((start + WINDOW_MS - Date.now()) / 1000) + 5) : Promise.resolve(null);
    const until = start + WINDOW_MS + DRAIN_MS;
    while (fired.size < options.deadlines && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 500));
    const ofBatch = and(eq(deadlines.kind, KIND), sql`${deadlines.payload}->>'batch' = ${batch}`);
    // What is still pending is at least this late: counted so, then cancelled so that it does not fire into the next phase.
    const end = Date.now();
    const left = await db.orm.update(deadlines).set({ status: "cancelled", cancelledAt: new Date(end) }).where(and(ofBatch, eq(deadlines.status, "pending"))).returning({ dueAt: deadlines.dueAt });
    lateness.push(...left.map((row) => end - row.dueAt.getTime()));
    const [stored] = await db.orm
      .select({ n: count() })
      .from(deadlines)
      .where(and(ofBatch, eq(deadlines.status, "fired")));
    const repeated = [...fired.values()].filter((times) => times > 1).length;
    return { lateness, repeated, handled: fired.size, unfired: left.length, storedFired: stored!.n, load: await load };
  };

  try {
    const idle = await phase("idle", false);
    const loaded = await phase("load", true);
    const rows = [
      lowerBetter("lateness p50 under API load", "ms", percentile(loaded.lateness, 50), percentile(idle.lateness, 50)),
      lowerBetter("lateness p99 under API load", "ms", percentile(loaded.lateness, 99), percentile(idle.lateness, 99), 1000),
      lowerBetter("lateness max under API load", "ms", Math.max(...loaded.lateness), Math.max(...idle.lateness)),
      lowerBetter("fired more than once", "deadlines", loaded.repeated + idle.repeated, null, 0),
      lowerBetter("not fired within a minute after the window", "deadlines", loaded.unfired + idle.unfired, null, 0),
    ];
    const notes = [
      `exactly once: handled ${idle.handled} / stored fired ${idle.storedFired} without load, handled ${loaded.handled} / stored fired ${loaded.storedFired} under load`,
      `${options.deadlines} deadlines due evenly within one minute, per phase; the scheduler polls every ${POLL_INTERVAL_MS} ms; a deadline still pending ${DRAIN_MS / 1000} s after the window counts as late by the time waited (a lower bound)`,
      loaded.load ? `API load during the window: ${loaded.load.answered} requests answered (${loaded.load.rps.toFixed(1)}/s, reports and lists in turn, ${options.connections} connections), ${loaded.load.failed} failed (${loaded.load.how.timeouts} timed out, ${loaded.load.how.errors} errors, statuses ${loaded.load.how.statuses})` : "API load did not report",
    ];
    return { name: "deadlines", db: target.kind, baseline: "the same scheduler and node with no API load, same run", rows, notes };
  } finally {
    await scheduler.stop();
    await app.close();
    await db.close();
  }
}
