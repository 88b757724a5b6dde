// `huajie backup` and `huajie restore` on the demonstration township: the restored database holds
// exactly what the backup was taken from, and a damaged file or a database with data is refused
// without a change. On PGlite, or on PostgreSQL with TEST_DATABASE_URL (then also across the two).
import assert from "node:assert/strict";
import { createHash, randomBytes } from "node:crypto";
import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { gunzipSync, gzipSync } from "node:zlib";
import { eq, sql } from "drizzle-orm";
import pg from "pg";
import { buildApp } from "../../server/app.ts";
import { verifyAuditChain } from "../../server/audit/verify.ts";
import { BackupError } from "../../server/backup/format.ts";
import { restoreBackup } from "../../server/backup/restore-backup.ts";
import { writeBackup } from "../../server/backup/write-backup.ts";
import { systemClock } from "../../server/clock.ts";
import { loadConfig } from "../../server/config.ts";
import { type Database, openDatabase, queryRows } from "../../server/db/client.ts";
import { incidentAttachments, incidents } from "../../server/db/schema.ts";
import { DEMO_PASSWORD, loadDemoTownship } from "../../server/demo/township.ts";
import { makeAttachment, samplePdf } from "../../server/testing/attachment-factories.ts";
import { databaseChecksum } from "../../server/testing/database-checksum.ts";
import { publishEvent } from "../../server/realtime/publish.ts";
import { adminUrl } from "../../server/testing/postgres-url.ts";
import { openTestDatabase } from "../../server/testing/test-database.ts";

const bin = fileURLToPath(new URL("../../bin/huajie.mjs", import.meta.url));
const run = promisify(execFile);
const serverUrl = process.env.TEST_DATABASE_URL;

async function huajie(args: string[], env: Record<string, string>) {
  try {
    const { stdout, stderr } = await run(process.execPath, [bin, ...args], { env: { ...process.env, NODE_ENV: "development", ...env }, timeout: 240_000 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

/** A new, empty and unmigrated database of the kind under test, as an operator creates one to restore into. */
interface EmptyDatabase {
  env: Record<string, string>;
  open(): Promise<Database>;
  drop(): Promise<void>;
}

async function emptyServerDatabase(url: string): Promise<EmptyDatabase> {
  const name = `huajie_restore_${randomBytes(6).toString("hex")}`;
  const admin = async (statement: string) => {
    const client = new pg.Client({ connectionString: adminUrl(url) });
    await client.connect();
    await client.query(statement);
    await client.end();
  };
  await admin(`CREATE DATABASE ${name} TEMPLATE template0 ENCODING 'UTF8'`);
  const target = new URL(url);
  target.pathname = `/${name}`;
  return {
    env: { DATABASE_URL: target.toString() },
    open: () => openDatabase({ kind: "postgres", url: target.toString(), poolSize: 2 }),
    drop: () => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  };
}

async function emptyDatabase(dir: string): Promise<EmptyDatabase> {
  if (serverUrl) return emptyServerDatabase(serverUrl);
  const dataDir = path.join(dir, "restored");
  return {
    env: { DATA_DIR: dataDir, DATABASE_URL: "" },
    open: () => openDatabase({ kind: "pglite", dataDir }),
    drop: () => rm(dataDir, { recursive: true, force: true }),
  };
}

/** The backup's lines without what differs between two backups of the same content: when and from which kind. */
async function backupBody(file: string): Promise<string[]> {
  const lines = gunzipSync(await readFile(file)).toString("utf8").split("\n");
  assert.equal(lines.pop(), "", "the backup ends with a newline");
  assert.match(lines.pop()!, /^\{"sha256":"[0-9a-f]{64}"\}$/);
  const { createdAt, databaseKind, ...header } = JSON.parse(lines[0]!) as Record<string, unknown>;
  assert.ok(createdAt && databaseKind);
  return [JSON.stringify(header), ...lines.slice(1)];
}

async function assertSameBody(a: string, b: string) {
  const [left, right] = [await backupBody(a), await backupBody(b)];
  const at = left.findIndex((line, i) => line !== right[i]);
  assert.equal(at, -1, `line ${at + 1} differs:\n${left[at]?.slice(0, 300)}\n${right[at]?.slice(0, 300)}`);
  assert.equal(left.length, right.length);
}

/** A backup whose content was changed and whose checksum was computed again, as a newer version would write it. */
async function rewriteBackup(from: string, to: string, change: (lines: string[]) => void) {
  const lines = gunzipSync(await readFile(from)).toString("utf8").split("\n").slice(0, -2);
  change(lines);
  const body = lines.map((line) => `${line}\n`).join("");
  const sha256 = createHash("sha256").update(body).digest("hex");
  await writeFile(to, gzipSync(`${body}${JSON.stringify({ sha256 })}\n`));
}

async function signIn(db: Database, username: string, password: string) {
  const app = await buildApp({ db, clock: systemClock, config: loadConfig({ NODE_ENV: "test" }) }, { logger: false });
  try {
    const res = await app.inject({ method: "POST", url: "/api/auth/login", payload: { username, password } });
    return res.statusCode;
  } finally {
    await app.close();
  }
}

const refusal = (pattern: RegExp) => (error: unknown) => error instanceof BackupError && pattern.test(error.message);

describe("huajie backup and restore", () => {
  let dir: string;
  let source: Database;
  let original: string;
  let sourceChecksum: string;
  let attachment: { id: string; content: Buffer };
  let restored: EmptyDatabase;
  /** The restored database's content once it has served; every refusal below must leave it so. */
  let restoredChecksum: string;

  before(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "huajie-backup-"));
    source = await openTestDatabase();
    await loadDemoTownship(source.orm, systemClock);
    // The demonstration has no files; a PDF carries every kind of byte a bytea column must keep.
    const [incident] = await source.orm.select({ id: incidents.id }).from(incidents).limit(1);
    const added = await makeAttachment(source.orm, incident!.id, { fileName: "现场说明.pdf", bytes: Buffer.concat([samplePdf(), Buffer.from([0, 10, 13, 92, 255])]) });
    const [row] = await source.orm.select({ id: incidentAttachments.id, content: incidentAttachments.content }).from(incidentAttachments).where(eq(incidentAttachments.id, added.id));
    attachment = { id: row!.id, content: Buffer.from(row!.content) };
    original = path.join(dir, "original.huajie.gz");
    await writeBackup(source, original);
    sourceChecksum = await databaseChecksum(source.orm);
    restored = await emptyDatabase(dir);
  });
  after(async () => {
    await source?.close();
    await restored?.drop();
    await rm(dir, { recursive: true, force: true });
  });

  it("restores into an empty database what the backup was taken from, row for row and byte for byte", async () => {
    const restore = await huajie(["restore", original], restored.env);
    assert.equal(restore.code, 0, restore.stderr);
    assert.match(restore.stdout, /Restored \d+ rows of \d+ tables from .*at migration \d{4}_/);
    const again = path.join(dir, "restored.huajie.gz");
    const backup = await huajie(["backup", again], restored.env);
    assert.equal(backup.code, 0, backup.stderr);
    assert.match(backup.stdout, /Backed up \d+ rows of \d+ tables/);
    await assertSameBody(original, again);

    const db = await restored.open();
    try {
      assert.equal(await databaseChecksum(db.orm), sourceChecksum);
      const [copy] = await db.orm.select({ content: incidentAttachments.content }).from(incidentAttachments).where(eq(incidentAttachments.id, attachment.id));
      assert.ok(Buffer.from(copy!.content).equals(attachment.content));
      const liveEvents = await queryRows<{ n: number }>(db.orm, sql`SELECT count(*)::int AS n FROM live_events`);
      assert.ok(liveEvents[0]!.n > 0, "the live events are restored too");
      const chain = await verifyAuditChain(db.orm);
      assert.ok(chain.ok && chain.checked > 0, JSON.stringify(chain));
      // The restored server serves: a sign-in writes its session and audit row after the restored ones.
      assert.equal(await signIn(db, "admin", DEMO_PASSWORD), 200);
      assert.ok((await verifyAuditChain(db.orm)).checked > chain.checked);
      // Sequences continue past the restored rows: a new live event takes the next number.
      const [last] = await queryRows<{ seq: string }>(db.orm, sql`SELECT max(seq)::text AS seq FROM live_events`);
      const [incident] = await db.orm.select({ id: incidents.id, orgId: incidents.orgId }).from(incidents).limit(1);
      await publishEvent(db.orm, { type: "incident.updated", orgId: incident!.orgId, incidentId: incident!.id, at: new Date() });
      const [next] = await queryRows<{ seq: string }>(db.orm, sql`SELECT max(seq)::text AS seq FROM live_events`);
      assert.ok(Number(next!.seq) > Number(last!.seq), `${next!.seq} after ${last!.seq}`);
      restoredChecksum = await databaseChecksum(db.orm);
    } finally {
      await db.close();
    }
  });

  it("refuses a damaged file and a database that holds data, exiting 1 with the reason", async () => {
    const flipped = await readFile(original);
    flipped[Math.floor(flipped.length / 2)]! ^= 0xff;
    const damaged = path.join(dir, "damaged.huajie.gz");
    await writeFile(damaged, flipped);
    const refusedDamaged = await huajie(["restore", damaged], restored.env);
    assert.notEqual(refusedDamaged.code, 0);
    assert.match(refusedDamaged.stderr, /damaged\.huajie\.gz (is damaged|was altered or damaged)/);

    const refusedFull = await huajie(["restore", original], restored.env);
    assert.notEqual(refusedFull.code, 0);
    assert.match(refusedFull.stderr, /The database already holds data \(in accounts, audit_log/);
  });

  it("refuses truncated, altered, foreign and newer files too, and no refusal changed the database", async () => {
    const bytes = await readFile(original);
    const file = (name: string) => path.join(dir, name);
    await writeFile(file("truncated.gz"), bytes.subarray(0, Math.floor(bytes.length * 0.7)));
    await writeFile(file("random.gz"), randomBytes(4096));
    await writeFile(file("plain.gz"), gzipSync("name,phone\n"));
    await rewriteBackup(original, file("newer.gz"), (lines) => {
      const header = JSON.parse(lines[0]!) as { migrations: { name: string; checksum: string }[] };
      header.migrations.push({ name: "9999_from_a_later_version.sql", checksum: "0".repeat(64) });
      lines[0] = JSON.stringify(header);
    });
    const text = gunzipSync(bytes).toString("utf8");
    assert.ok(text.includes("林志远"));
    await writeFile(file("altered.gz"), gzipSync(text.replace("林志远", "林志近")));

    const db = await restored.open();
    try {
      await assert.rejects(restoreBackup(db, file("truncated.gz")), refusal(/truncated/));
      await assert.rejects(restoreBackup(db, file("random.gz")), refusal(/random\.gz is not a Huajie backup \(it is not a gzip file\)/));
      await assert.rejects(restoreBackup(db, file("plain.gz")), refusal(/is not a Huajie backup/));
      await assert.rejects(restoreBackup(db, file("altered.gz")), refusal(/was altered or damaged: its content does not match its SHA-256 checksum/));
      await assert.rejects(restoreBackup(db, file("newer.gz")), refusal(/newer version of Huajie .*9999_from_a_later_version\.sql/));
      assert.equal(await databaseChecksum(db.orm), restoredChecksum);
    } finally {
      await db.close();
    }
  });

  it("restores a PostgreSQL backup into PGlite and that one's backup into PostgreSQL, the same rows throughout", { skip: !serverUrl }, async () => {
    const embedded = await openDatabase({ kind: "pglite" });
    const fromEmbedded = path.join(dir, "embedded.huajie.gz");
    try {
      await restoreBackup(embedded, original);
      await writeBackup(embedded, fromEmbedded);
    } finally {
      await embedded.close();
    }
    await assertSameBody(original, fromEmbedded);
    const server = await emptyServerDatabase(serverUrl!);
    const db = await server.open();
    try {
      await restoreBackup(db, fromEmbedded);
      assert.equal(await databaseChecksum(db.orm), sourceChecksum);
    } finally {
      await db.close();
      await server.drop();
    }
  });
});
