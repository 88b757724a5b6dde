import { createHash } from "node:crypto";
import { once } from "node:events";
import { createWriteStream } from "node:fs";
import { readFile, rename, rm, stat } from "node:fs/promises";
import { pipeline } from "node:stream/promises";
import { createGzip } from "node:zlib";
import { sql } from "drizzle-orm";
import { type Database, type Db, queryRows } from "../db/client.ts";
import { projectPath } from "../project-files.ts";
import { schemaMigrations } from "../db/schema.ts";
import { listSequences, listTables, sequenceEntries, tableShape } from "./catalog.ts";
import { BACKUP_FORMAT_VERSION, type BackupHeader, BackupError, TEXT_FORM_SETTINGS, quoteIdent } from "./format.ts";

/** Rows per FETCH: few where a row may carry a file of up to 20 MiB, so memory stays bounded. */
const BATCH_ROWS = 500;
const BATCH_ROWS_WITH_BYTES = 4;

export interface BackupResult {
  tables: number;
  rows: number;
  bytes: number;
}

export async function huajieVersion(): Promise<string> {
  const manifest = JSON.parse(await readFile(projectPath("package.json"), "utf8")) as { version: string };
  return manifest.version;
}

/**
 * Writes every table of the database to `file`, streaming, from one snapshot: a REPEATABLE READ
 * transaction on PostgreSQL sees one consistent state however long it takes while the servers
 * keep writing. The file appears under its name only when complete (it is written beside it
 * first), so a backup that stops halfway never passes for a whole one.
 */
export async function writeBackup(db: Database, file: string, now = new Date()): Promise<BackupResult> {
  const partial = `${file}.partial`;
  const out = createWriteStream(partial);
  try {
    await once(out, "open");
  } catch (error) {
    throw new BackupError(`Cannot write the backup to ${file}: ${(error as Error).message}`);
  }
  const gzip = createGzip();
  const written = pipeline(gzip, out);
  // Awaited at the end; until then a failing disk must not end the process unhandled.
  written.catch(() => undefined);
  const hash = createHash("sha256");
  const emit = async (line: string) => {
    const text = `${line}\n`;
    hash.update(text);
    if (!gzip.write(text)) await once(gzip, "drain");
  };
  let tables = 0;
  let rows = 0;
  try {
    await db.orm.transaction(
      async (tx) => {
        for (const setting of TEXT_FORM_SETTINGS) await tx.execute(sql.raw(setting));
        const names = await listTables(tx);
        if (!names.includes("schema_migrations")) throw new BackupError("The database holds no Huajie tables: it was never migrated, so there is nothing to back up.");
        const migrations = await tx.select({ name: schemaMigrations.name, checksum: schemaMigrations.checksum }).from(schemaMigrations).orderBy(sql`${schemaMigrations.name} COLLATE "C"`);
        const header: BackupHeader = {
          huajieBackup: BACKUP_FORMAT_VERSION,
          huajieVersion: await huajieVersion(),
          createdAt: now.toISOString(),
          databaseKind: db.kind,
          migrations,
        };
        await emit(JSON.stringify(header));
        for (const table of names) {
          rows += await writeTable(tx, table, emit);
          tables += 1;
        }
        await emit(JSON.stringify({ sequences: sequenceEntries(await listSequences(tx)) }));
      },
      { isolationLevel: "repeatable read", accessMode: "read only" },
    );
    gzip.end(`${JSON.stringify({ sha256: hash.digest("hex") })}\n`);
    await written;
    await rename(partial, file);
  } catch (error) {
    gzip.destroy();
    await rm(partial, { force: true });
    throw error;
  }
  return { tables, rows, bytes: (await stat(file)).size };
}

async function writeTable(tx: Db, table: string, emit: (line: string) => Promise<void>): Promise<number> {
  const shape = await tableShape(tx, table);
  await emit(JSON.stringify({ table, columns: shape.columns }));
  // Each value in its type's text form: what the type's input reads back exactly, on any server.
  const select = shape.columns.map(([name], i) => `${quoteIdent(name)}::text AS c${i}`).join(", ");
  await tx.execute(sql.raw(`DECLARE backup_rows NO SCROLL CURSOR FOR SELECT ${select} FROM ${quoteIdent(table)} ORDER BY ${shape.orderBy}`));
  const fetch = sql.raw(`FETCH FORWARD ${shape.hasBytes ? BATCH_ROWS_WITH_BYTES : BATCH_ROWS} FROM backup_rows`);
  let count = 0;
  for (;;) {
    const batch = await queryRows<Record<string, string | null>>(tx, fetch);
    for (const row of batch) await emit(JSON.stringify(shape.columns.map((_, i) => row[`c${i}`] ?? null)));
    count += batch.length;
    if (batch.length === 0) break;
  }
  await tx.execute(sql.raw("CLOSE backup_rows"));
  await emit(JSON.stringify({ end: table, rows: count }));
  return count;
}
