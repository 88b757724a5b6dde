import { sql } from "drizzle-orm";
import { type Database, type Db, queryRows } from "../db/client.ts";
import { loadMigrations, migrate } from "../db/migrate.ts";
import { listForeignKeys, listSequences, listTables, tableShape } from "./catalog.ts";
import { type BackupHeader, BackupError, TEXT_FORM_SETTINGS, quoteIdent } from "./format.ts";
import { type BackupSummary, readBackup, verifyBackup } from "./read-backup.ts";

/** Rows per INSERT, and the most text one INSERT carries, whichever comes first. */
const INSERT_ROWS = 500;
const INSERT_CHARS = 16 * 1024 * 1024;

type Migration = Awaited<ReturnType<typeof loadMigrations>>[number];

export interface RestoreResult {
  header: BackupHeader;
  tables: number;
  rows: number;
  /** The migrations applied to bring the database to the backup's level before its rows went in. */
  migrated: string[];
}

/**
 * Restores a backup into an empty database, PGlite or PostgreSQL, whichever wrote it.
 *
 * The whole file is read and its checksum checked before anything is written (`checked`, when
 * the caller did that before opening the database); the database is then brought to the
 * backup's migration level and the rows go in in one transaction, so a damaged file changes
 * nothing and a failure halfway leaves the database as empty as it was.
 */
export async function restoreBackup(db: Database, file: string, checked?: BackupSummary): Promise<RestoreResult> {
  const summary = checked ?? (await verifyBackup(file));
  const known = await loadMigrations();
  const levels = backupMigrations(summary.header, known);
  const seeded = seededTables(known);
  await refuseUnlessEmpty(db.orm, seeded);
  const backupNames = new Set(levels.map((m) => m.name));
  const ahead = (await appliedMigrations(db.orm)).filter((name) => !backupNames.has(name));
  if (ahead.length > 0) {
    throw new BackupError(
      `The database is migrated past the backup (it has ${ahead.join(", ")}, the backup does not). Restore into a new, unmigrated database; the server migrates it further when it starts.`,
    );
  }
  const migrated = await migrate(db, levels);
  const rows = await db.orm.transaction(async (tx) => {
    for (const setting of TEXT_FORM_SETTINGS) await tx.execute(sql.raw(setting));
    await refuseUnlessEmpty(tx, seeded);
    await checkTables(tx, summary);
    return loadRows(tx, file, seeded);
  });
  await db.maintain();
  return { header: summary.header, tables: summary.tables.length, rows, migrated };
}

/** The code's migrations that the backup was taken at; a backup from a newer schema is refused. */
function backupMigrations(header: BackupHeader, known: Migration[]): Migration[] {
  const byName = new Map(known.map((m) => [m.name, m]));
  return header.migrations.map(({ name, checksum }) => {
    const migration = byName.get(name);
    if (!migration) {
      throw new BackupError(`The backup is from a newer version of Huajie (${header.huajieVersion}): its schema has migration ${name}, which this version does not know. Restore it with that version or a later one.`);
    }
    if (migration.checksum !== checksum) throw new BackupError(`The backup's migration ${name} differs from this version's; it was taken by a different build of Huajie.`);
    return migration;
  });
}

/**
 * Tables that the migrations themselves fill (the migration record, default lists such as the
 * dispute types): a new database has rows there, and the backup's rows replace them.
 */
function seededTables(migrations: Migration[]): Set<string> {
  const tables = new Set(["schema_migrations"]);
  for (const { script } of migrations) {
    for (const match of script.matchAll(/\bINSERT\s+INTO\s+"?([a-z_][a-z0-9_]*)"?/gi)) tables.add(match[1]!.toLowerCase());
  }
  return tables;
}

async function refuseUnlessEmpty(db: Db, seeded: Set<string>): Promise<void> {
  const holding: string[] = [];
  for (const table of await listTables(db)) {
    if (seeded.has(table)) continue;
    const [row] = await queryRows<{ found: boolean }>(db, sql.raw(`SELECT EXISTS (SELECT 1 FROM ${quoteIdent(table)}) AS found`));
    if (row!.found) holding.push(table);
  }
  if (holding.length > 0) {
    throw new BackupError(
      `The database already holds data (in ${holding.join(", ")}). A backup is restored only into an empty database: create a new database (or point DATA_DIR at a new folder) and restore there.`,
    );
  }
}

async function appliedMigrations(db: Db): Promise<string[]> {
  if (!(await listTables(db)).includes("schema_migrations")) return [];
  return (await queryRows<{ name: string }>(db, sql`SELECT name FROM schema_migrations ORDER BY name COLLATE "C"`)).map((row) => row.name);
}

/** At the same migration level the tables must be the backup's, column for column. */
async function checkTables(tx: Db, summary: BackupSummary): Promise<void> {
  const present = await listTables(tx);
  const expected = summary.tables.map((t) => t.name);
  const missing = expected.filter((name) => !present.includes(name));
  const extra = present.filter((name) => !expected.includes(name));
  if (missing.length > 0 || extra.length > 0) {
    throw new BackupError(`The database's tables differ from the backup's (missing: ${missing.join(", ") || "none"}; not in the backup: ${extra.join(", ") || "none"}).`);
  }
  for (const table of summary.tables) {
    const shape = await tableShape(tx, table.name);
    if (JSON.stringify(shape.columns) !== JSON.stringify(table.columns)) {
      throw new BackupError(`The columns of ${table.name} differ from the backup's; the backup cannot be restored into this database.`);
    }
  }
}

/**
 * Foreign keys are dropped for the load and added back at its end, which checks every reference
 * at once: rows go in by primary key, not in the order their references need (an org before
 * its parent). User triggers are off meanwhile: the append-only ones refuse only changes, but
 * no trigger may rewrite a restored row.
 */
async function loadRows(tx: Db, file: string, seeded: Set<string>): Promise<number> {
  const foreignKeys = await listForeignKeys(tx);
  for (const fk of foreignKeys) await tx.execute(sql.raw(`ALTER TABLE ${quoteIdent(fk.table)} DROP CONSTRAINT ${quoteIdent(fk.name)}`));
  let insertPrefix = "";
  let insertSuffix = "";
  let batch: string[] = [];
  let batchChars = 0;
  let total = 0;
  const flush = async () => {
    if (batch.length === 0) return;
    await tx.execute(sql`${sql.raw(insertPrefix)}${`[${batch.join(",")}]`}${sql.raw(insertSuffix)}`);
    total += batch.length;
    batch = [];
    batchChars = 0;
  };
  for await (const entry of readBackup(file)) {
    if (entry.kind === "table") {
      const name = quoteIdent(entry.table);
      await tx.execute(sql.raw(`ALTER TABLE ${name} DISABLE TRIGGER USER`));
      if (seeded.has(entry.table)) await tx.execute(sql.raw(`DELETE FROM ${name}`));
      const columns = entry.columns.map(([column]) => quoteIdent(column)).join(", ");
      const values = entry.columns.map(([, type], i) => `(r->>${i})::${type}`).join(", ");
      insertPrefix = `INSERT INTO ${name} (${columns}) OVERRIDING SYSTEM VALUE SELECT ${values} FROM json_array_elements(`;
      insertSuffix = "::json) AS r";
    } else if (entry.kind === "row") {
      batch.push(entry.line);
      batchChars += entry.line.length;
      if (batch.length >= INSERT_ROWS || batchChars >= INSERT_CHARS) await flush();
    } else if (entry.kind === "end") {
      await flush();
      await tx.execute(sql.raw(`ALTER TABLE ${quoteIdent(entry.table)} ENABLE TRIGGER USER`));
    } else if (entry.kind === "sequences") {
      await restoreSequences(tx, new Map(entry.sequences));
    }
  }
  for (const fk of foreignKeys) await tx.execute(sql.raw(`ALTER TABLE ${quoteIdent(fk.table)} ADD CONSTRAINT ${quoteIdent(fk.name)} ${fk.definition}`));
  return total;
}

/** Each sequence continues where the backup's did, and in any case past its column's largest value. */
async function restoreSequences(tx: Db, saved: Map<string, string | null>): Promise<void> {
  for (const sequence of await listSequences(tx)) {
    let next = saved.get(sequence.name) ?? null;
    if (sequence.table && sequence.column) {
      const [row] = await queryRows<{ max: string | null }>(tx, sql.raw(`SELECT max(${quoteIdent(sequence.column)})::text AS max FROM ${quoteIdent(sequence.table)}`));
      if (row!.max !== null && (next === null || BigInt(row!.max) > BigInt(next))) next = row!.max;
    }
    if (next !== null) await tx.execute(sql`SELECT setval(${`public.${quoteIdent(sequence.name)}`}::regclass, ${next}::bigint, true)`);
  }
}
