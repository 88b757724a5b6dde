// Several `huajie serve` nodes on one PostgreSQL, as a deployment runs them: three child
// processes started at once on an empty database. A session made on one node is good on the
// others; a live client of one node receives what another wrote; a deadline fires exactly
// once across them; a node killed while it holds due deadlines loses none of them; and nginx,
// configured as deploy/nginx.conf says, spreads requests and live sockets over the nodes.
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { after, before, describe, it } from "node:test";
import { sql } from "drizzle-orm";
import pg from "pg";
import { type Database, openDatabase, queryRows } from "../../server/db/client.ts";
import { scheduleDeadlines } from "../../server/deadlines/deadlines.ts";
import { POSTGRES_BATCH } from "../../server/deadlines/scheduler.ts";
import { DEADLINE_KIND } from "../../server/modules/incidents/incident-deadlines.ts";
import { INCIDENT_SUBJECT } from "../../server/modules/incidents/queries.ts";
import { multipartBody, samplePdf } from "../../server/testing/attachment-factories.ts";
import { type World, makeOrg, makeWorld } from "../../server/testing/factories.ts";
import { makeIncident, makeResponsePlan, sampleReport } from "../../server/testing/incident-factories.ts";
import { adminUrl } from "../../server/testing/postgres-url.ts";
import type { LiveConnection } from "../../server/testing/live-connection.ts";
import { call, openLive, signIn } from "./http-client.ts";
import { type RunningNginx, nginxSkipReason, startNginx } from "./nginx.ts";
import { type ServerNode, startNode } from "./node-processes.ts";

const serverUrl = process.env.TEST_DATABASE_URL;
const skipNodes = serverUrl ? null : "several-nodes tests skipped: they need a PostgreSQL server (set TEST_DATABASE_URL)";
if (skipNodes) console.log(`# ${skipNodes}`);
const skipNginx = skipNodes ?? nginxSkipReason();
if (skipNginx && !skipNodes) console.log(`# ${skipNginx}`);

/** Polls `check` until it answers true; fails naming `what` after `timeoutMs`. */
async function eventually(check: () => Promise<boolean>, what: string, timeoutMs = 15_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe("several nodes on one PostgreSQL", { skip: skipNodes ?? false }, () => {
  const databaseName = `huajie_test_nodes_${randomBytes(6).toString("hex")}`;
  let databaseUrl: string;
  let nodes: ServerNode[] = [];
  let db: Database;
  let world: World;
  let nginx: RunningNginx | null = null;
  const sockets: LiveConnection[] = [];

  const admin = async <T>(work: (client: pg.Client) => Promise<T>): Promise<T> => {
    const client = new pg.Client({ connectionString: adminUrl(serverUrl!) });
    await client.connect();
    try {
      return await work(client);
    } finally {
      await client.end();
    }
  };
  const nodeOf = (name: string) => nodes.find((node) => node.name === name)!;

  before(async () => {
    // An empty database: the three nodes migrate it together, as a first deployment does.
    await admin((c) => c.query(`CREATE DATABASE ${databaseName} TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C.UTF-8' LC_CTYPE 'C.UTF-8'`));
    const url = new URL(serverUrl!);
    url.pathname = `/${databaseName}`;
    databaseUrl = url.toString();
    const started = await Promise.allSettled(["a", "b", "c"].map((name) => startNode(name, databaseUrl, { TRUST_PROXY: "true" })));
    // Kept before failing, so that `after` stops the nodes that did start.
    nodes = started.flatMap((result) => (result.status === "fulfilled" ? [result.value] : []));
    for (const result of started) if (result.status === "rejected") throw result.reason;
    db = await openDatabase({ kind: "postgres", url: databaseUrl, poolSize: 4 });
    world = await makeWorld(db.orm);
    await makeResponsePlan(db.orm, world.townshipA);
  });

  after(async () => {
    await Promise.all(sockets.map((socket) => socket.close()));
    await nginx?.stop();
    await Promise.all(nodes.map((node) => node.kill("SIGTERM")));
    await db?.close();
    await admin((c) => c.query(`DROP DATABASE IF EXISTS ${databaseName} WITH (FORCE)`));
  });

  it("a session made on node A is good on B and C; a live client on node C receives the incident reported on node B", async () => {
    const [a, b, c] = [nodeOf("a"), nodeOf("b"), nodeOf("c")];
    const session = await signIn(a.base, "a-officer");
    const live = await openLive(c.base, session);
    sockets.push(live);
    const village = await makeOrg(db.orm, { parent: world.townshipA, kind: "village" });
    const reported = await call(b.base, session, "POST", "/api/incidents", sampleReport(village));
    assert.equal(reported.status, 201, JSON.stringify(reported.body));
    await live.until((events) => events.some((e) => e.type === "incident.reported" && e.incidentId === reported.body.id), "the report made on node B");
    const read = await call(c.base, session, "GET", `/api/incidents/${reported.body.id}`);
    assert.equal(read.status, 200, "node C reads what node B wrote, with the session of node A");
  });

  it("through nginx as deploy/nginx.conf has it: sign-in, requests spread over every node, an upload past 1 MB, and live events over the proxied WebSocket", { skip: skipNginx ?? false }, async () => {
    nginx = await startNginx(nodes.map((node) => node.port));
    // A client cannot pass itself off as another address: nginx replaces the header it sends.
    const session = await signIn(nginx.base, "a-officer", { "x-forwarded-for": "203.0.113.7" });
    const [login] = await queryRows<{ ip: string }>(
      db.orm,
      sql`SELECT ip FROM audit_log WHERE action = 'auth.login' AND record_id = ${world.officer.id} ORDER BY seq DESC LIMIT 1`,
    );
    assert.equal(login!.ip, "127.0.0.1", "the audit log has the address nginx saw");

    const live = await openLive(nginx.base, session);
    sockets.push(live);
    for (let i = 0; i < 6; i++) assert.equal((await call(nginx.base, session, "GET", "/api/incidents")).status, 200);
    const answeredBy = new Set((await nginx.accessLog()).filter((line) => line.includes("GET /api/incidents ")).map((line) => /upstream=(\S+)/.exec(line)![1]));
    assert.deepEqual([...answeredBy].sort(), nodes.map((node) => `127.0.0.1:${node.port}`).sort(), "round robin, no sticky sessions: every node answered the one session");

    const village = await makeOrg(db.orm, { parent: world.townshipA, kind: "village" });
    const reported = await call(nginx.base, session, "POST", "/api/incidents", sampleReport(village));
    assert.equal(reported.status, 201, JSON.stringify(reported.body));
    await live.until((events) => events.some((e) => e.type === "incident.reported" && e.incidentId === reported.body.id), "the report, through nginx");

    // Three megabytes: nginx's own limit (1 MB) would answer 413.
    const pdf = Buffer.concat([samplePdf(), Buffer.alloc(3 * 1024 * 1024, " ")]);
    const upload = multipartBody([{ fileName: "现场说明.pdf", bytes: pdf }]);
    const uploaded = await call(nginx.base, session, "POST", `/api/incidents/${reported.body.id}/attachments`, upload.body, { "content-type": upload.contentType });
    assert.equal(uploaded.status, 201, JSON.stringify(uploaded.body));
    await live.until((events) => events.some((e) => e.type === "incident.updated" && e.incidentId === reported.body.id), "the upload's event, through nginx");
  });

  /** `count` on-site deadlines spread over three new incidents, all due at `dueAt`. */
  const makeDeadlines = async (count: number, dueAt: Date) => {
    const incidents = await Promise.all([0, 1, 2].map(async () => makeIncident(db.orm, await makeOrg(db.orm, { parent: world.townshipA, kind: "village" }), { open: false })));
    const rows = await scheduleDeadlines(
      db.orm,
      Array.from({ length: count }, (_, i) => {
        const incident = incidents[i % incidents.length]!;
        return { kind: DEADLINE_KIND.on_site, subjectType: INCIDENT_SUBJECT, subjectId: incident.id, orgId: incident.orgId, dueAt, payload: { level: "IV", role: "officer" } };
      }),
      new Date(),
    );
    return { incidents, ids: rows.map((row) => row.id) };
  };

  /** Per deadline, how many times its firing reached the incident's timeline. */
  const firings = async (ids: string[]) => {
    const rows = await queryRows<{ id: string; times: string }>(
      db.orm,
      sql`SELECT detail->>'deadlineId' AS id, count(*) AS times FROM incident_events
          WHERE kind = 'deadline_overdue' AND detail->>'deadlineId' IN ${ids} GROUP BY 1`,
    );
    return new Map(rows.map((row) => [row.id, Number(row.times)]));
  };
  const allFired = (ids: string[]) => async () => {
    const [row] = await queryRows<{ fired: string }>(db.orm, sql`SELECT count(*) AS fired FROM deadlines WHERE id IN ${ids} AND status = 'fired'`);
    return Number(row!.fired) === ids.length;
  };

  it("fires each of 30 deadlines due together exactly once across the three schedulers", async () => {
    const { ids } = await makeDeadlines(30, new Date(Date.now() + 1000));
    await eventually(allFired(ids), "every deadline to fire");
    // Two more polls of every node: a second firing would show by now.
    await new Promise((resolve) => setTimeout(resolve, 2000));
    const times = await firings(ids);
    assert.deepEqual(
      ids.map((id) => times.get(id) ?? 0),
      ids.map(() => 1),
      "each deadline reached its incident's timeline once",
    );
  });

  it("a node killed (SIGKILL) while it holds due deadlines loses nothing: its claim rolls back and the other nodes fire every deadline once", async () => {
    const a = nodeOf("a");
    // The test holds the incidents' rows, so a node that claims a batch of their deadlines stops
    // at its first timeline insert (its foreign key waits for the row) inside the claiming
    // transaction: it holds the batch, as a node does while its handlers run. Two batches and
    // some: the first two nodes to claim leave deadlines for the third.
    const { incidents, ids } = await makeDeadlines(2 * POSTGRES_BATCH.size + 20, new Date(Date.now() + 60_000));
    const blocker = new pg.Client({ connectionString: databaseUrl });
    await blocker.connect();
    try {
      await blocker.query("BEGIN");
      await blocker.query("SELECT id FROM incidents WHERE id = ANY($1) FOR UPDATE", [incidents.map((incident) => incident.id)]);
      await db.orm.execute(sql`UPDATE deadlines SET due_at = now() WHERE id IN ${ids}`);

      // A row locked FOR UPDATE carries its locker's transaction id in xmax.
      const held = async () => {
        const rows = await queryRows<{ node: string; id: string }>(
          db.orm,
          sql`SELECT a.application_name AS node, d.id FROM deadlines d
              JOIN pg_stat_activity a ON a.backend_xid = d.xmax AND a.datname = current_database()
              WHERE d.id IN ${ids} AND d.status = 'pending'`,
        );
        const byNode = new Map<string, string[]>();
        for (const row of rows) byNode.set(row.node, [...(byNode.get(row.node) ?? []), row.id]);
        return byNode;
      };
      await eventually(async () => (await held()).size === 3, "each node to claim deadlines");
      const claims = await held();
      const heldByA = claims.get(a.applicationName)!;
      assert.ok(heldByA.length > 0 && heldByA.length <= POSTGRES_BATCH.size, `node A holds one batch: ${heldByA.length}`);
      assert.equal(new Set([...claims.values()].flat()).size, [...claims.values()].flat().length, "SKIP LOCKED: no deadline held by two nodes");

      await a.kill("SIGKILL");
      const still = await queryRows<{ status: string }>(db.orm, sql`SELECT status FROM deadlines WHERE id IN ${heldByA}`);
      assert.deepEqual(new Set(still.map((row) => row.status)), new Set(["pending"]), "node A died before its firings could commit");
      await blocker.query("COMMIT");

      await eventually(allFired(ids), "nodes B and C to fire every deadline, node A's among them");
      await eventually(
        async () => (await queryRows(db.orm, sql`SELECT 1 FROM pg_stat_activity WHERE application_name = ${a.applicationName}`)).length === 0,
        "PostgreSQL to end node A's connections",
      );
      await new Promise((resolve) => setTimeout(resolve, 2000));
      const times = await firings(ids);
      assert.deepEqual(
        heldByA.map((id) => times.get(id) ?? 0),
        heldByA.map(() => 1),
        "the deadlines node A held fired once each, on another node",
      );
      assert.deepEqual(
        ids.map((id) => times.get(id) ?? 0),
        ids.map(() => 1),
        "each deadline reached its incident's timeline once",
      );
    } finally {
      await blocker.end();
    }
  });
});
