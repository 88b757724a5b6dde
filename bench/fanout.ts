// Fan-out: N live-board clients connected; an incident is reported; how long until every
// client has the event (p50/p99/max over the clients of several rounds). One node on each
// database, and on PostgreSQL also three nodes with the clients spread over them and the
// incident reported on the first. Baseline: the same clients on a bare `ws` broadcast server.
import { performance } from "node:perf_hooks";
import type { BenchOptions } from "./options.ts";
import { type LiveClients, connectClients } from "./lib/live-clients.ts";
import { type Child, startBare, startNode } from "./lib/node.ts";
import { type BenchResult, lowerBetter, percentile } from "./lib/report.ts";
import { type BenchSession, type Office, benchSecret, insertSessions, reportBody, seedOffice } from "./lib/seed.ts";
import type { BenchTarget } from "./lib/target.ts";

const ROUND_PAUSE_MS = 500;

export interface FanoutFigures {
  delays: number[];
  missing: number;
  /** How long the trigger itself took (the report's HTTP answer): the part of the delay that is the write. */
  triggers: number[];
}

/** Rounds of one trigger each, after one round of warm-up; the delays of every client of every counted round. */
export async function fanoutRounds(clients: LiveClients, rounds: number, trigger: () => Promise<void>): Promise<FanoutFigures> {
  const all: FanoutFigures = { delays: [], missing: 0, triggers: [] };
  for (let round = 0; round <= rounds; round++) {
    let took = 0;
    const { delays, missing } = await clients.round(async () => {
      const start = performance.now();
      await trigger();
      took = performance.now() - start;
    });
    if (round > 0) {
      all.delays.push(...delays);
      all.missing += missing;
      all.triggers.push(took);
    }
    await new Promise((resolve) => setTimeout(resolve, ROUND_PAUSE_MS));
  }
  return all;
}

export const isReported = (message: string) => message.includes('"type":"incident.reported"');

/** Sessions of the clients (the township's officer, duty officer and leader, in turn) and of the reporter. */
export async function prepareLive(target: BenchTarget, clients: number) {
  const secret = benchSecret();
  const db = await target.open();
  const office = await seedOffice(db.orm);
  const { officer, duty, leader } = office.world;
  const viewers = await insertSessions(db.orm, secret, [officer.id, duty.id, leader.id], clients);
  const [reporter] = await insertSessions(db.orm, secret, [officer.id], 1);
  await db.close();
  return { secret, office, viewers, reporter: reporter! };
}

export const reportOn = (node: Child, office: Office, reporter: BenchSession) => {
  let n = 0;
  return async () => {
    const res = await fetch(`${node.url}/api/incidents`, {
      method: "POST",
      headers: { cookie: reporter.cookie, "x-csrf-token": reporter.csrfToken, "content-type": "application/json" },
      body: reportBody(office, ++n),
    });
    if (res.status !== 201) throw new Error(`report refused: ${res.status} ${await res.text()}`);
  };
};

type Live = Awaited<ReturnType<typeof prepareLive>>;

async function measureNodes(target: BenchTarget, { secret, office, viewers, reporter }: Live, nodeCount: number, options: BenchOptions) {
  const nodes = await Promise.all(Array.from({ length: nodeCount }, () => startNode(target.env, secret)));
  try {
    const clients = await connectClients(
      nodes.map((node) => node.url),
      viewers.map((s) => s.cookie),
      options.clients,
      isReported,
    );
    try {
      return await fanoutRounds(clients, options.rounds, reportOn(nodes[0]!, office, reporter));
    } finally {
      await clients.close();
    }
  } finally {
    await Promise.all(nodes.map((node) => node.stop()));
  }
}

async function measureBare(options: BenchOptions) {
  const bare = await startBare("bare-ws.ts", {});
  try {
    const clients = await connectClients([bare.url], [""], options.clients, isReported, "/live");
    try {
      return await fanoutRounds(clients, options.rounds, async () => {
        await fetch(`${bare.url}/broadcast`, { method: "POST" });
      });
    } finally {
      await clients.close();
    }
  } finally {
    await bare.stop();
  }
}

export async function fanoutBench(target: BenchTarget, options: BenchOptions): Promise<BenchResult> {
  const baseline = await measureBare(options);
  const live = await prepareLive(target, options.clients);
  const runs: [string, FanoutFigures][] = [["1 node", await measureNodes(target, live, 1, options)]];
  if (target.kind === "postgres") runs.push(["3 nodes", await measureNodes(target, live, 3, options)]);

  const rows = [];
  const notes = [`${options.clients} clients, ${options.rounds} incidents reported (after one of warm-up); delay from sending the report to each client's receipt`];
  for (const [label, figures] of runs) {
    rows.push(lowerBetter(`${label}: p50`, "ms", percentile(figures.delays, 50), percentile(baseline.delays, 50)));
    rows.push(lowerBetter(`${label}: p99`, "ms", percentile(figures.delays, 99), percentile(baseline.delays, 99), 250));
    rows.push(lowerBetter(`${label}: max`, "ms", Math.max(...figures.delays), Math.max(...baseline.delays)));
    rows.push(lowerBetter(`${label}: report answered (median)`, "ms", percentile(figures.triggers, 50), percentile(baseline.triggers, 50)));
    if (figures.missing > 0) notes.push(`${label}: ${figures.missing} client receipts missing after 30 s`);
  }
  return { name: "fanout", db: target.kind, baseline: "bare `ws` server broadcasting one message to the same clients", rows, notes };
}
