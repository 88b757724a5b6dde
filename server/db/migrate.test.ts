import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { describe, it } from "node:test";
import { sql } from "drizzle-orm";
import pg from "pg";
import { adminUrl } from "../testing/postgres-url.ts";
import { openTestDatabase } from "../testing/test-database.ts";
import { openDatabase, queryRows } from "./client.ts";
import { loadMigrations, migrate } from "./migrate.ts";

const migration = (name: string, script: string) => ({ name, script, checksum: createHash("sha256").update(script).digest("hex") });

async function tableExists(db: Awaited<ReturnType<typeof openTestDatabase>>, name: string) {
  const [row] = await queryRows<{ t: string | null }>(db.orm, sql`SELECT to_regclass(${name}) AS t`);
  return row!.t !== null;
}

describe("migrations", () => {
  it("applies nothing on a second run over a migrated database", async () => {
    const db = await openTestDatabase();
    try {
      assert.deepEqual(await migrate(db), []);
      const all = await loadMigrations();
      assert.ok(all.length >= 1);
      assert.deepEqual(await migrate(db, all), []);
    } finally {
      await db.close();
    }
  });

  it("rolls a failing migration back whole, records nothing, and stops before the next one", async () => {
    const db = await openTestDatabase();
    try {
      const current = await loadMigrations();
      const failing = migration("9001_half_done.sql", "CREATE TABLE half_done (id int); INSERT INTO half_done VALUES (1); SELECT 1/0;");
      const later = migration("9002_later.sql", "CREATE TABLE later (id int);");
      await assert.rejects(migrate(db, [...current, failing, later]), /9001_half_done\.sql failed and was rolled back: division by zero/);
      assert.equal(await tableExists(db, "half_done"), false);
      assert.equal(await tableExists(db, "later"), false);
      const recorded = await queryRows(db.orm, sql`SELECT name FROM schema_migrations WHERE name LIKE '900%'`);
      assert.equal(recorded.length, 0);
    } finally {
      await db.close();
    }
  });

  it("refuses to start when an applied migration's file was edited", async () => {
    const db = await openTestDatabase();
    try {
      const [first, ...rest] = await loadMigrations();
      await assert.rejects(migrate(db, [migration(first!.name, `${first!.script}\n-- edited`), ...rest]), /was changed after it was applied/);
    } finally {
      await db.close();
    }
  });
});

describe("migrations by several nodes at once", { skip: !process.env.TEST_DATABASE_URL && "needs TEST_DATABASE_URL" }, () => {
  it("three nodes starting together on an empty database all finish, each migration applied by exactly one", async () => {
    const serverUrl = process.env.TEST_DATABASE_URL!;
    const all = (await loadMigrations()).map((m) => m.name);
    for (let round = 0; round < 2; round++) {
      const name = `huajie_test_migrate_${round}_${process.pid}`;
      const admin = new pg.Client({ connectionString: adminUrl(serverUrl) });
      await admin.connect();
      await admin.query(`DROP DATABASE IF EXISTS ${name}`);
      await admin.query(`CREATE DATABASE ${name} TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C.UTF-8' LC_CTYPE 'C.UTF-8'`);
      const url = new URL(serverUrl);
      url.pathname = `/${name}`;
      const nodes = await Promise.all([0, 1, 2].map(() => openDatabase({ kind: "postgres", url: url.toString(), poolSize: 2 })));
      try {
        const applied = await Promise.all(nodes.map((db) => migrate(db)));
        assert.deepEqual(applied.flat().sort(), all, `round ${round}: each migration once, by one node`);
        assert.deepEqual(await migrate(nodes[0]!), []);
      } finally {
        await Promise.all(nodes.map((db) => db.close()));
        await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await admin.end();
      }
    }
  });
});
