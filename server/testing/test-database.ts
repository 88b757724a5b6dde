import { randomBytes } from "node:crypto";
import { readFile } from "node:fs/promises";
import pg from "pg";
import { type Database, openDatabase } from "../db/client.ts";
import { migrate } from "../db/migrate.ts";
import { TEMPLATE_DATABASE, adminUrl } from "./postgres-url.ts";

/**
 * A fresh, migrated database for one test file: on PostgreSQL (TEST_DATABASE_URL) a new
 * database copied from the template, dropped on close; otherwise an in-memory PGlite loaded
 * from the template dump that `npm test` prepared (or migrated here when run alone).
 */
export async function openTestDatabase(): Promise<Database> {
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (serverUrl) return openServerCopy(serverUrl);
  const template = process.env.HUAJIE_TEST_TEMPLATE;
  if (template) return openDatabase({ kind: "pglite", loadDataDir: new Blob([await readFile(template)]) });
  const db = await openDatabase({ kind: "pglite" });
  await migrate(db);
  return db;
}

/**
 * A new database on the PostgreSQL server, copied from the migrated template, with the means
 * to drop it. Tests that need two connection pools on one database (nodes racing) open it twice.
 */
export async function createServerCopy(serverUrl: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `huajie_test_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: adminUrl(serverUrl) });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name} TEMPLATE ${TEMPLATE_DATABASE}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const dropper = new pg.Client({ connectionString: adminUrl(serverUrl) });
      await dropper.connect();
      await dropper.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await dropper.end();
    },
  };
}

async function openServerCopy(serverUrl: string): Promise<Database> {
  const copy = await createServerCopy(serverUrl);
  const db = await openDatabase({ kind: "postgres", url: copy.url, poolSize: 4 });
  return {
    ...db,
    async close() {
      await db.close();
      await copy.drop();
    },
  };
}
