// The database a benchmark runs on: a fresh embedded PGlite in a temporary directory, or a
// fresh database on the PostgreSQL server named by BENCH_DATABASE_URL (or TEST_DATABASE_URL),
// migrated, and removed afterwards. Only one process may hold a PGlite directory, so a
// benchmark that serves it from a child process closes its own handle first.
import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { type Database, openDatabase } from "../../server/db/client.ts";
import { migrate } from "../../server/db/migrate.ts";
import { adminUrl } from "../../server/testing/postgres-url.ts";

export type DbKind = "pglite" | "postgres";

export interface BenchTarget {
  kind: DbKind;
  /** The environment a `huajie serve` child (or a bare server) needs to reach this database. */
  env: Record<string, string>;
  open(poolSize?: number): Promise<Database>;
  drop(): Promise<void>;
}

export const serverUrl = () => process.env.BENCH_DATABASE_URL || process.env.TEST_DATABASE_URL || undefined;

export async function createTarget(kind: DbKind): Promise<BenchTarget> {
  if (kind === "pglite") {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), "huajie-bench-"));
    const target: BenchTarget = {
      kind,
      env: { DATA_DIR: dataDir },
      open: () => openDatabase({ kind: "pglite", dataDir }),
      drop: () => rm(dataDir, { recursive: true, force: true }),
    };
    const db = await target.open();
    await migrate(db);
    await db.close();
    return target;
  }
  const base = serverUrl();
  if (!base) throw new Error("PostgreSQL needs BENCH_DATABASE_URL or TEST_DATABASE_URL");
  const name = `huajie_bench_${randomBytes(5).toString("hex")}`;
  const admin = new pg.Client({ connectionString: adminUrl(base) });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(base);
  url.pathname = `/${name}`;
  const target: BenchTarget = {
    kind,
    env: { DATABASE_URL: url.toString() },
    open: (poolSize = 10) => openDatabase({ kind: "postgres", url: url.toString(), poolSize }),
    async drop() {
      const dropper = new pg.Client({ connectionString: adminUrl(base) });
      await dropper.connect();
      await dropper.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await dropper.end();
    },
  };
  const db = await target.open();
  await migrate(db);
  await db.close();
  return target;
}
