import { mkdir } from "node:fs/promises";
import type { Config } from "./config.ts";
import { type Database, openDatabase } from "./db/client.ts";
import { migrate } from "./db/migrate.ts";

/** Connects to the configured database: PostgreSQL with DATABASE_URL, else embedded in DATA_DIR. */
export async function connectConfigured(config: Config): Promise<Database> {
  if (config.databaseUrl) return openDatabase({ kind: "postgres", url: config.databaseUrl });
  await mkdir(config.dataDir, { recursive: true });
  return openDatabase({ kind: "pglite", dataDir: config.dataDir, sync: config.embeddedSync });
}

/** Connects and applies pending migrations, as every start does. */
export async function openConfiguredDatabase(config: Config, log: (line: string) => void = () => {}): Promise<Database> {
  const db = await connectConfigured(config);
  const applied = await migrate(db);
  if (applied.length > 0) {
    log(`Applied migrations: ${applied.join(", ")}`);
    await db.maintain();
  }
  return db;
}

const MAINTENANCE_INTERVAL_MS = 6 * 60 * 60 * 1000;

/** PGlite runs no autovacuum: without this its planner statistics go stale. */
export function scheduleMaintenance(db: Database, onError: (error: unknown) => void): () => void {
  if (db.kind !== "pglite") return () => {};
  const timer = setInterval(() => db.maintain().catch(onError), MAINTENANCE_INTERVAL_MS);
  timer.unref();
  return () => clearInterval(timer);
}
