// The `huajie` command as an operator runs it: real child processes on a real data folder.
import assert from "node:assert/strict";
import { type ChildProcess, execFile, spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { type AddressInfo, createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { openDatabase } from "../../server/db/client.ts";

const bin = fileURLToPath(new URL("../../bin/huajie.mjs", import.meta.url));
const run = promisify(execFile);
const ADMIN_PASSWORD = "Root-password-2026!";

async function huajie(args: string[], env: Record<string, string>) {
  try {
    const { stdout, stderr } = await run(process.execPath, [bin, ...args], { env: { ...process.env, ...env }, timeout: 60_000 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

function waitForLine(child: ChildProcess, pattern: RegExp): Promise<string> {
  return new Promise((resolve, reject) => {
    let seen = "";
    const timer = setTimeout(() => reject(new Error(`no line matching ${pattern} in: ${seen}`)), 60_000);
    child.stdout!.on("data", (chunk: Buffer) => {
      seen += chunk.toString();
      const match = seen.match(pattern);
      if (match) {
        clearTimeout(timer);
        resolve(match[0]);
      }
    });
    child.on("exit", (code) => reject(new Error(`exited with ${code} before ${pattern}: ${seen}`)));
  });
}

describe("huajie command line", () => {
  let dataDir: string;
  let env: Record<string, string>;
  before(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), "huajie-cli-"));
    // The command is exercised on the embedded database; the server suite covers PostgreSQL.
    env = { DATA_DIR: dataDir, DATABASE_URL: "", NODE_ENV: "development", LOG_LEVEL: "warn", HUAJIE_ADMIN_PASSWORD: ADMIN_PASSWORD };
  });
  after(() => rm(dataDir, { recursive: true, force: true }));

  it("refuses to serve in production without a strong SESSION_SECRET, and says which setting", async () => {
    const result = await huajie(["serve"], { ...env, NODE_ENV: "production", SESSION_SECRET: "" });
    assert.equal(result.code, 1);
    assert.match(result.stderr, /SESSION_SECRET is missing or weak/);
  });

  it("migrates once, then finds nothing to apply", async () => {
    assert.match((await huajie(["migrate"], env)).stdout, /Applied 0001_foundation\.sql/);
    assert.match((await huajie(["migrate"], env)).stdout, /up to date/);
  });

  it("creates the first administrator with the root org, refusing a weak password", async () => {
    const weak = await huajie(["create-admin", "--username", "root", "--org-name", "临江县"], { ...env, HUAJIE_ADMIN_PASSWORD: "short" });
    assert.equal(weak.code, 1);
    assert.match(weak.stderr, /at least 10 characters/);
    const created = await huajie(["create-admin", "--username", "root", "--name", "系统管理员", "--org-name", "临江县"], env);
    assert.equal(created.code, 0, created.stderr);
    assert.match(created.stdout, /Created administrator root in 临江县/);
  });

  it("serves: the administrator signs in, and the server stops cleanly on SIGTERM", async () => {
    const port = String(20000 + Math.floor(Math.random() * 20000));
    const server = spawn(process.execPath, [bin, "serve"], { env: { ...process.env, ...env, PORT: port, HOST: "127.0.0.1" } });
    try {
      await waitForLine(server, /is running at http:\/\/localhost:\d+/);
      const login = await fetch(`http://127.0.0.1:${port}/api/auth/login`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ username: "root", password: ADMIN_PASSWORD }),
      });
      assert.equal(login.status, 200);
      assert.equal(((await login.json()) as { org: { name: string } }).org.name, "临江县");
    } finally {
      const exited = new Promise<number | null>((resolve) => server.on("exit", resolve));
      server.kill("SIGTERM");
      assert.equal(await exited, 0);
    }
  });

  it("exits 1 when its port is taken, instead of running on without serving", async () => {
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, "127.0.0.1", resolve));
    try {
      const { port } = taken.address() as AddressInfo;
      const result = await huajie(["serve"], { ...env, PORT: String(port), HOST: "127.0.0.1" });
      assert.equal(result.code, 1, result.stdout);
      assert.match(result.stderr, /EADDRINUSE/);
    } finally {
      taken.close();
    }
  });

  it("verifies the audit chain and exits 1 naming the row when it is broken", async () => {
    const ok = await huajie(["audit", "verify"], env);
    assert.equal(ok.code, 0, ok.stderr);
    assert.match(ok.stdout, /Audit chain intact: \d+ rows verified/);

    const db = await openDatabase({ kind: "pglite", dataDir });
    await db.execScript(`
      ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update_or_delete;
      UPDATE audit_log SET actor_name = 'someone else' WHERE seq = 1;
      ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update_or_delete;`);
    await db.close();
    const broken = await huajie(["audit", "verify"], env);
    assert.equal(broken.code, 1);
    assert.match(broken.stderr, /Audit chain BROKEN at row 1: row content changed/);
  });

  it("prints its usage for an unknown command", async () => {
    const result = await huajie(["frobnicate"], env);
    assert.equal(result.code, 2);
    assert.match(result.stderr, /create-admin/);
  });
});
