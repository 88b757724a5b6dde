// A server killed without warning, again and again, while people are saving records: every save
// it had confirmed is there after the restart, the audit chain still holds, and it starts cleanly.
import assert from "node:assert/strict";
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { createFirstAdmin } from "../../server/cli/create-admin.ts";
import { systemClock } from "../../server/clock.ts";
import { type Database, openDatabase } from "../../server/db/client.ts";
import { migrate } from "../../server/db/migrate.ts";
import { freePort } from "../../server/testing/free-port.ts";
import { createServerCopy } from "../../server/testing/test-database.ts";

const bin = fileURLToPath(new URL("../../bin/huajie.mjs", import.meta.url));
const ADMIN_PASSWORD = "Root-password-2026!";
const AUDITOR_PASSWORD = "Auditor-password-2026!";
/** CRASH_ROUNDS raises the count for a longer soak; the suite's ten keep it under a minute. */
const ROUNDS = Number(process.env.CRASH_ROUNDS ?? 10);
const CLIENTS = 4;
/** Confirmed saves in a round before its kill: varied, so the kill lands at many points of a commit. */
const SAVES_PER_ROUND = [4, 16];

interface Session {
  cookie: string;
  csrf: string;
  orgId: string;
}

interface Node {
  child: ChildProcess;
  base: string;
  output: () => string;
}


async function startServer(env: Record<string, string>): Promise<Node> {
  const port = String(await freePort());
  const child = spawn(process.execPath, [bin, "serve"], { env: { ...process.env, ...env, PORT: port, HOST: "127.0.0.1" } });
  let seen = "";
  child.stdout.on("data", (chunk: Buffer) => (seen += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (seen += chunk.toString()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`the server did not start: ${seen}`));
    }, 120_000);
    child.stdout.on("data", () => {
      if (!/is running at http/.test(seen)) return;
      clearTimeout(timer);
      resolve({ child, base: `http://127.0.0.1:${port}`, output: () => seen });
    });
    child.on("exit", (code, signal) => reject(new Error(`the server exited (${code ?? signal}) while starting: ${seen}`)));
  });
}

function kill(node: Node): Promise<void> {
  return new Promise((resolve) => {
    node.child.on("exit", () => resolve());
    node.child.kill("SIGKILL");
  });
}

describe("a server killed under write load", { timeout: 10 * 60_000 }, () => {
  let env: Record<string, string>;
  let cleanup: () => Promise<void>;

  before(async () => {
    const serverUrl = process.env.TEST_DATABASE_URL;
    let db: Database;
    if (serverUrl) {
      const copy = await createServerCopy(serverUrl);
      env = { DATABASE_URL: copy.url };
      cleanup = copy.drop;
      db = await openDatabase({ kind: "postgres", url: copy.url, poolSize: 1 });
    } else {
      const dataDir = await mkdtemp(path.join(tmpdir(), "huajie-crash-"));
      env = { DATA_DIR: dataDir, DATABASE_URL: "" };
      cleanup = () => rm(dataDir, { recursive: true, force: true });
      // The migrated template the runner prepared spares a minute of initdb and migrations.
      const template = process.env.HUAJIE_TEST_TEMPLATE;
      db = await openDatabase({ kind: "pglite", dataDir, sync: "off", ...(template ? { loadDataDir: new Blob([await readFile(template)]) } : {}) });
    }
    env = { ...env, NODE_ENV: "development", LOG_LEVEL: "warn" };
    try {
      await migrate(db);
      await createFirstAdmin(db, systemClock, { username: "root", displayName: "系统管理员", password: ADMIN_PASSWORD, orgName: "临江县" });
    } finally {
      await db.close();
    }
  });
  after(() => cleanup());

  it(`keeps every confirmed save through ${ROUNDS} kills, with the audit chain intact`, async (t) => {
    const confirmed = new Set<string>();
    // Signed in before the first kill, the sessions are themselves confirmed writes.
    let admin: Session | null = null;
    let auditor: Session | null = null;

    // One start more than kills: the last only checks what the last kill left, then stops.
    for (let round = 1; round <= ROUNDS + 1; round++) {
      const node = await startServer(env);
      const call = async (method: string, url: string, session: Session | null, body?: unknown) => {
        const headers: Record<string, string> = { "accept-language": "en" };
        if (session) Object.assign(headers, { cookie: session.cookie, "x-csrf-token": session.csrf });
        if (body !== undefined) headers["content-type"] = "application/json";
        return fetch(`${node.base}${url}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
      };
      const signIn = async (username: string, password: string): Promise<Session> => {
        const login = await call("POST", "/api/auth/login", null, { username, password });
        assert.equal(login.status, 200, await login.clone().text());
        const body = (await login.json()) as { csrfToken: string; org: { id: string } };
        return { cookie: login.headers.get("set-cookie")!.split(";")[0]!, csrf: body.csrfToken, orgId: body.org.id };
      };
      try {
        assert.doesNotMatch(node.output(), /Applied migrations/, `round ${round}: a restart found migrations to apply`);
        const health = await call("GET", "/api/health", null);
        assert.equal(health.status, 200, `round ${round}: health`);
        assert.equal(((await health.json()) as { status: string }).status, "ok");

        if (!admin) {
          admin = await signIn("root", ADMIN_PASSWORD);
          const created = await call("POST", "/api/accounts", admin, {
            orgId: admin.orgId,
            username: "auditor",
            displayName: "审计员",
            roles: ["auditor"],
            password: "Initial-password-2026!",
          });
          assert.equal(created.status, 201, await created.clone().text());
          const first = await signIn("auditor", "Initial-password-2026!");
          const changed = await call("POST", "/api/auth/password", first, { currentPassword: "Initial-password-2026!", newPassword: AUDITOR_PASSWORD });
          assert.ok(changed.ok, await changed.text());
          auditor = await signIn("auditor", AUDITOR_PASSWORD);
        }

        const present = new Set<string>();
        for (let offset = 0; ; offset += 200) {
          const page = await call("GET", `/api/orgs?limit=200&offset=${offset}`, admin);
          assert.equal(page.status, 200, `round ${round}: the session from before the kills still works`);
          const { items, total } = (await page.json()) as { items: { id: string }[]; total: number };
          for (const item of items) present.add(item.id);
          if (offset + 200 >= total) break;
        }
        const lost = [...confirmed].filter((id) => !present.has(id));
        assert.deepEqual(lost, [], `round ${round}: ${lost.length} of ${confirmed.size} confirmed saves are gone`);

        const verify = await call("GET", "/api/audit/verify", auditor);
        assert.equal(verify.status, 200);
        const chain = (await verify.json()) as { ok: boolean; reason: string | null; firstBrokenSeq: number | null };
        assert.ok(chain.ok, `round ${round}: audit chain broken at ${chain.firstBrokenSeq}: ${chain.reason}`);

        if (round > ROUNDS) {
          const exited = new Promise<number | null>((resolve) => node.child.on("exit", resolve));
          node.child.kill("SIGTERM");
          assert.equal(await exited, 0, node.output());
          break;
        }

        let writing = true;
        let saved = 0;
        const enough = SAVES_PER_ROUND[0]! + Math.floor(Math.random() * (SAVES_PER_ROUND[1]! - SAVES_PER_ROUND[0]!));
        let reachedEnough: () => void = () => {};
        const loaded = new Promise<void>((resolve) => (reachedEnough = resolve));
        const client = async (index: number) => {
          for (let i = 0; writing; i++) {
            const name = `安全检查点 ${round}-${index}-${i}`;
            const response = await call("POST", "/api/orgs", admin, { parentId: admin!.orgId, name, kind: "township" }).catch(() => null);
            if (!response) return; // the kill cut the request: unconfirmed, so no promise was made
            if (response.status !== 201) throw new Error(`round ${round}: saving ${name} answered ${response.status}: ${await response.text()}`);
            const body = (await response.json().catch(() => null)) as { id: string } | null;
            if (!body) return; // cut while the answer was arriving: it never reached the user
            confirmed.add(body.id);
            if (++saved === enough) reachedEnough();
          }
        };
        const clients = Array.from({ length: CLIENTS }, (_, index) => client(index));
        // The other clients' saves are still in flight when the kill comes.
        await Promise.race([loaded, Promise.all(clients)]);
        writing = false;
        await kill(node);
        await Promise.all(clients);
      } finally {
        if (node.child.exitCode === null && node.child.signalCode === null) await kill(node);
      }
    }
    assert.ok(confirmed.size >= ROUNDS, `the load wrote too little to prove anything: ${confirmed.size} saves`);
    t.diagnostic(`${confirmed.size} confirmed saves, all present after ${ROUNDS} kills`);
  });
});
