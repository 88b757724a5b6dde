import { createHash } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import { projectPath } from "../project-files.ts";
import type { Database } from "./client.ts";
import { schemaMigrations } from "./schema.ts";

const migrationsDir = projectPath("server/db/migrations/");

interface Migration {
  name: string;
  script: string;
  checksum: string;
}

export async function loadMigrations(dir = migrationsDir): Promise<Migration[]> {
  const names = (await readdir(dir)).filter((name) => /^\d{4}_[a-z0-9_]+\.sql$/.test(name)).sort();
  return Promise.all(
    names.map(async (name) => {
      const script = await readFile(dir + name, "utf8");
      return { name, script, checksum: createHash("sha256").update(script).digest("hex") };
    }),
  );
}

/**
 * Taken first in every migrating transaction, so nodes starting together on one database
 * migrate one after the other. Without it two concurrent `CREATE TABLE IF NOT EXISTS` both
 * pass the check and the second fails on the catalog's unique index, and two DDL scripts
 * can deadlock on each other's tables.
 */
const MIGRATION_LOCK = 0x6875616d; // "huam"
const serialized = (script: string) => `SELECT pg_advisory_xact_lock(${MIGRATION_LOCK});\n${script}`;

/**
 * Applies the migrations not yet recorded, each in its own transaction, in name order.
 * A failing migration rolls back whole and stops the run. Several nodes starting at once
 * are safe: they take turns (MIGRATION_LOCK), the record's primary key lets only one apply
 * a migration, and the others find it applied when they look again.
 */
export async function migrate(db: Database, migrations?: Migration[]): Promise<string[]> {
  const all = migrations ?? (await loadMigrations());
  await db.execScript(
    serialized("CREATE TABLE IF NOT EXISTS schema_migrations (name text PRIMARY KEY, checksum text NOT NULL, applied_at timestamptz NOT NULL)"),
  );
  const appliedNow: string[] = [];
  for (const migration of all) {
    const applied = await appliedChecksums(db);
    const recorded = applied.get(migration.name);
    if (recorded !== undefined) {
      if (recorded !== migration.checksum) {
        throw new Error(`Migration ${migration.name} was changed after it was applied; add a new migration instead.`);
      }
      continue;
    }
    try {
      await db.execScript(
        serialized(`${migration.script}\n;INSERT INTO schema_migrations (name, checksum, applied_at) VALUES ('${migration.name}', '${migration.checksum}', now());`),
      );
      appliedNow.push(migration.name);
    } catch (error) {
      if ((await appliedChecksums(db)).has(migration.name)) continue;
      throw new Error(`Migration ${migration.name} failed and was rolled back: ${(error as Error).message}`, { cause: error });
    }
  }
  return appliedNow;
}

async function appliedChecksums(db: Database): Promise<Map<string, string>> {
  const rows = await db.orm.select({ name: schemaMigrations.name, checksum: schemaMigrations.checksum }).from(schemaMigrations);
  return new Map(rows.map((row) => [row.name, row.checksum]));
}
