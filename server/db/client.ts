import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import type { SQL } from "drizzle-orm";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { drizzle as drizzleNodePg } from "drizzle-orm/node-postgres";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import pg from "pg";
import { DURABLE_START_PARAMS, DurableNodeFS } from "./durable-nodefs.ts";
import * as schema from "./schema.ts";

export type Schema = typeof schema;
/** A database handle or an open transaction: every query function takes one of these. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;

export interface Database {
  kind: "pglite" | "postgres";
  orm: Db;
  /** Runs a multi-statement SQL script in one transaction (migrations, restores). */
  execScript(script: string): Promise<void>;
  /** Keeps the embedded planner's statistics fresh: PGlite runs no autovacuum. */
  maintain(): Promise<void>;
  /**
   * Calls `onMessage` with the payload of every NOTIFY on `channel` after the notifying
   * transaction commits, from this node or any other on the same database. Best effort: a
   * server connection that drops is re-established, and what it missed meanwhile is for the
   * caller to find by polling. Resolves to the function that stops listening.
   */
  listen(channel: string, onMessage: (payload: string) => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

export type DatabaseTarget =
  | { kind: "postgres"; url: string; poolSize?: number }
  | { kind: "pglite"; dataDir?: string; loadDataDir?: Blob; sync?: EmbeddedSync };

/**
 * Whether an embedded database on disk syncs each commit to the disk before answering
 * (`commit`: survives a power cut) or leaves it in the operating system's cache (`off`:
 * survives a killed process only). A database in memory has nothing to sync.
 */
export type EmbeddedSync = "commit" | "off";

export async function openDatabase(target: DatabaseTarget): Promise<Database> {
  return target.kind === "postgres" ? openPostgres(target.url, target.poolSize) : openPglite(target);
}

/**
 * PostgreSQL's buffer cache, in PGlite's WebAssembly memory. PGlite touches all of it at start,
 * and at its default (128MB) that memory grows past its initial 128 MiB: a node takes about
 * 80 MiB more than at 64MB. A township's working set fits in 64MB; a page beyond it is read from
 * the operating system's file cache. It caches pages only: a commit is durable through the
 * write-ahead log whatever its size.
 */
const EMBEDDED_BUFFER_CACHE = ["-c", "shared_buffers=64MB"];

async function openPglite(target: { dataDir?: string; loadDataDir?: Blob; sync?: EmbeddedSync }): Promise<Database> {
  const durable = target.dataDir !== undefined && (target.sync ?? "commit") === "commit";
  const client = await PGlite.create({
    ...(target.dataDir ? { dataDir: target.dataDir } : {}),
    ...(durable ? { fs: new DurableNodeFS(target.dataDir!) } : {}),
    startParams: [...(durable ? DURABLE_START_PARAMS : PGlite.defaultStartParams), ...EMBEDDED_BUFFER_CACHE],
    ...(target.loadDataDir ? { loadDataDir: target.loadDataDir } : {}),
    extensions: { pg_trgm },
  });
  return {
    kind: "pglite",
    orm: drizzlePglite(client, { schema }) as unknown as Db,
    async execScript(script) {
      await client.transaction(async (tx) => {
        await tx.exec(script);
      });
    },
    async maintain() {
      await client.exec("VACUUM ANALYZE");
    },
    // In process: PGlite delivers a committed NOTIFY to its own listeners.
    listen: (channel, onMessage) => client.listen(channel, onMessage),
    async close() {
      await client.close();
    },
  };
}

async function openPostgres(url: string, poolSize = 10): Promise<Database> {
  const pool = new pg.Pool({ connectionString: url, max: poolSize });
  // The server may end an idle pooled connection (a restart, an administrator); the pool drops
  // it and the next query opens another. Unhandled, that event would end the process.
  pool.on("error", () => undefined);
  // Fail at start, not at the first request, when the server is unreachable.
  const probe = await pool.connect();
  probe.release();
  return {
    kind: "postgres",
    orm: drizzleNodePg(pool, { schema }) as unknown as Db,
    async execScript(script) {
      const conn = await pool.connect();
      try {
        await conn.query("BEGIN");
        await conn.query(script);
        await conn.query("COMMIT");
      } catch (error) {
        await conn.query("ROLLBACK");
        throw error;
      } finally {
        conn.release();
      }
    },
    async maintain() {
      // The server's autovacuum does this job.
    },
    listen: (channel, onMessage) => listenOnServer(url, channel, onMessage),
    async close() {
      await pool.end();
    },
  };
}

const RELISTEN_DELAY_MS = 1000;

/**
 * LISTEN needs a connection of its own for as long as it listens, so it cannot borrow one
 * from the pool. When the connection fails it is opened again after a second.
 */
async function listenOnServer(url: string, channel: string, onMessage: (payload: string) => void): Promise<() => Promise<void>> {
  let current: pg.Client | null = null;
  let stopped = false;
  let retry: NodeJS.Timeout | null = null;
  const reconnect = () => {
    if (stopped || retry) return;
    retry = setTimeout(() => {
      retry = null;
      connect().catch(reconnect);
    }, RELISTEN_DELAY_MS);
    retry.unref();
  };
  const connect = async () => {
    const client = new pg.Client({ connectionString: url });
    client.on("notification", (message) => {
      if (message.channel === channel) onMessage(message.payload ?? "");
    });
    client.on("error", () => {
      client.end().catch(() => undefined);
      if (current === client) current = null;
      reconnect();
    });
    await client.connect();
    await client.query(`LISTEN ${client.escapeIdentifier(channel)}`);
    if (stopped) {
      await client.end();
      return;
    }
    current = client;
  };
  await connect();
  return async () => {
    stopped = true;
    if (retry) clearTimeout(retry);
    await current?.end();
    current = null;
  };
}

/** A dump of an embedded database, used by tests to skip initdb and migrations (~4 s each). */
export async function dumpPglite(dataDir: string): Promise<Blob> {
  const client = await PGlite.create({ dataDir, extensions: { pg_trgm } });
  const dump = await client.dumpDataDir("gzip");
  await client.close();
  return dump;
}

/** The rows of a raw SQL query: both drivers answer `{ rows }`, which Drizzle's shared type hides. */
export async function queryRows<Row>(db: Db, query: SQL): Promise<Row[]> {
  const result = (await db.execute(query)) as unknown as { rows: Row[] };
  return result.rows;
}
