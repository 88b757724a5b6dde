// The embedded database's promise to survive a power cut, seen from the system calls: every
// confirmed save has synced the write-ahead log to the disk before its answer, a read syncs nothing.
import assert from "node:assert/strict";
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { createFirstAdmin } from "../../server/cli/create-admin.ts";
import { systemClock } from "../../server/clock.ts";
import { openDatabase } from "../../server/db/client.ts";
import { migrate } from "../../server/db/migrate.ts";
import { freePort } from "../../server/testing/free-port.ts";

const bin = fileURLToPath(new URL("../../bin/huajie.mjs", import.meta.url));
const ADMIN_PASSWORD = "Root-password-2026!";

function hasStrace(): boolean {
  try {
    execFileSync("strace", ["-V"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

const skip = process.env.TEST_DATABASE_URL
  ? "the embedded database only: PostgreSQL syncs by itself"
  : hasStrace()
    ? false
    : "strace is not installed";


describe("the embedded database syncs each commit to the disk", { skip, timeout: 5 * 60_000 }, () => {
  let dataDir: string;
  let traceDir: string;
  before(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), "huajie-sync-"));
    traceDir = await mkdtemp(path.join(tmpdir(), "huajie-strace-"));
    const template = process.env.HUAJIE_TEST_TEMPLATE;
    const db = await openDatabase({ kind: "pglite", dataDir, sync: "off", ...(template ? { loadDataDir: new Blob([await readFile(template)]) } : {}) });
    try {
      await migrate(db);
      await createFirstAdmin(db, systemClock, { username: "root", displayName: "系统管理员", password: ADMIN_PASSWORD, orgName: "临江县" });
    } finally {
      await db.close();
    }
  });
  after(async () => {
    await rm(dataDir, { recursive: true, force: true });
    await rm(traceDir, { recursive: true, force: true });
  });

  /**
   * Runs the server under strace, which writes each fsync and fdatasync, with the file's path, as
   * it happens; seccomp stops the server at those calls only, so it runs at nearly full speed.
   */
  async function traced(sync: "commit" | "off") {
    const port = String(await freePort());
    const trace = path.join(traceDir, `${sync}.strace`);
    const child: ChildProcess = spawn("strace", ["-f", "--seccomp-bpf", "-y", "-qq", "-e", "trace=fsync,fdatasync", "-o", trace, process.execPath, bin, "serve"], {
      env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: "", EMBEDDED_SYNC: sync, NODE_ENV: "development", LOG_LEVEL: "warn", PORT: port, HOST: "127.0.0.1" },
    });
    let seen = "";
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        child.kill("SIGKILL");
        reject(new Error(`the server did not start: ${seen}`));
      }, 120_000);
      child.stdout!.on("data", (chunk: Buffer) => {
        seen += chunk.toString();
        if (/is running at http/.test(seen)) {
          clearTimeout(timer);
          resolve();
        }
      });
      child.stderr!.on("data", (chunk: Buffer) => (seen += chunk.toString()));
      child.on("exit", (code) => reject(new Error(`the server exited (${code}) while starting: ${seen}`)));
    });
    const base = `http://127.0.0.1:${port}`;
    const login = await fetch(`${base}/api/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ username: "root", password: ADMIN_PASSWORD }),
    });
    assert.equal(login.status, 200);
    const { csrfToken, org } = (await login.json()) as { csrfToken: string; org: { id: string } };
    const headers = { cookie: login.headers.get("set-cookie")!.split(";")[0]!, "x-csrf-token": csrfToken, "content-type": "application/json" };
    const syncs = async () => (await readFile(trace, "utf8")).split("\n").filter((line) => /^\d+\s+f(data)?sync\(/.test(line));
    return {
      base,
      headers,
      rootOrgId: org.id,
      syncs,
      /** The syncs a step made, read after its answer came: what it synced before answering. */
      async during(step: () => Promise<void>) {
        const before = (await syncs()).length;
        await step();
        return (await syncs()).slice(before);
      },
      async stop() {
        // The server is strace's child: stopped, it ends strace too.
        const server = Number(execFileSync("ps", ["-o", "pid=", "--ppid", String(child.pid)], { encoding: "utf8" }).trim());
        const exited = new Promise((resolve) => child.on("exit", resolve));
        process.kill(server, "SIGTERM");
        await exited;
      },
    };
  }

  it("syncs the write-ahead log before confirming each save, and syncs nothing for a read", async () => {
    const server = await traced("commit");
    try {
      const ids: string[] = [];
      for (let i = 0; i < 5; i++) {
        const synced = await server.during(async () => {
          const response = await fetch(`${server.base}/api/orgs`, {
            method: "POST",
            headers: server.headers,
            body: JSON.stringify({ parentId: server.rootOrgId, name: `第${i + 1}网格`, kind: "township" }),
          });
          assert.equal(response.status, 201);
          ids.push(((await response.json()) as { id: string }).id);
        });
        assert.ok(
          synced.some((line) => /pg_wal\/0/.test(line)),
          `save ${i + 1} was confirmed without syncing the write-ahead log; syncs: ${JSON.stringify(synced)}`,
        );
      }

      const synced = await server.during(async () => {
        for (const id of ids) assert.equal((await fetch(`${server.base}/api/orgs/${id}`, { headers: server.headers })).status, 200);
        assert.equal((await fetch(`${server.base}/api/orgs?limit=50`, { headers: server.headers })).status, 200);
      });
      assert.deepEqual(synced, [], "reading synced files to the disk");
    } finally {
      await server.stop();
    }
  });

  it("with EMBEDDED_SYNC=off confirms a save without syncing anything", async () => {
    const server = await traced("off");
    try {
      const synced = await server.during(async () => {
        const response = await fetch(`${server.base}/api/orgs`, {
          method: "POST",
          headers: server.headers,
          body: JSON.stringify({ parentId: server.rootOrgId, name: "不同步网格", kind: "township" }),
        });
        assert.equal(response.status, 201);
      });
      assert.deepEqual(synced, []);
    } finally {
      await server.stop();
    }
  });
});
