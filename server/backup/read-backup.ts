import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { createGunzip } from "node:zlib";
import { BACKUP_FORMAT_VERSION, type BackupColumn, type BackupEntry, BackupError, type BackupHeader, type BackupSequence } from "./format.ts";

const NEWLINE = 0x0a;

/** The lines of the decompressed file, as they stream; a damaged gzip stream is a BackupError. */
async function* lines(file: string): AsyncGenerator<Buffer> {
  const source = createReadStream(file);
  const gunzip = createGunzip();
  source.on("error", (error) => gunzip.destroy(error));
  source.pipe(gunzip);
  let pending: Buffer[] = [];
  try {
    for await (const chunk of gunzip as AsyncIterable<Buffer>) {
      let start = 0;
      for (let at = chunk.indexOf(NEWLINE); at !== -1; at = chunk.indexOf(NEWLINE, start)) {
        pending.push(chunk.subarray(start, at));
        yield pending.length === 1 ? pending[0]! : Buffer.concat(pending);
        pending = [];
        start = at + 1;
      }
      if (start < chunk.length) pending.push(chunk.subarray(start));
    }
  } catch (error) {
    const e = error as NodeJS.ErrnoException;
    if (e.code === "ENOENT") throw new BackupError(`There is no file ${file}.`);
    if (e.code === "Z_DATA_ERROR" && /header/.test(e.message)) throw new BackupError(`${file} is not a Huajie backup (it is not a gzip file).`);
    if (e.code?.startsWith("Z_")) throw new BackupError(`${file} is damaged or truncated (${e.message}).`);
    throw error;
  } finally {
    source.destroy();
  }
  if (pending.length > 0) throw new BackupError(`${file} is truncated: its last line is incomplete.`);
}

const isText = (value: unknown): value is string => typeof value === "string";

function parseHeader(value: Record<string, unknown>): BackupHeader {
  if (value.huajieBackup !== BACKUP_FORMAT_VERSION) {
    throw new BackupError(`the backup format ${String(value.huajieBackup)} is not one this version of Huajie reads (${BACKUP_FORMAT_VERSION}).`);
  }
  const migrations = value.migrations;
  const valid =
    isText(value.huajieVersion) &&
    isText(value.createdAt) &&
    (value.databaseKind === "pglite" || value.databaseKind === "postgres") &&
    Array.isArray(migrations) &&
    migrations.every((m: { name?: unknown; checksum?: unknown }) => isText(m?.name) && isText(m?.checksum));
  if (!valid) throw new BackupError("its header is incomplete.");
  return value as unknown as BackupHeader;
}

/**
 * Reads a backup from start to end, yielding what it holds and checking its shape on the way:
 * a header first, each table's rows between its opening and its count, then the sequences and
 * the SHA-256 over everything before it. Whoever consumes the entries gets the last one only
 * once the checksum matched; anything wrong throws a BackupError naming the file.
 */
export async function* readBackup(file: string): AsyncGenerator<BackupEntry> {
  const hash = createHash("sha256");
  let lineNo = 0;
  let header: BackupHeader | null = null;
  let table: { name: string; columns: number; rows: number } | null = null;
  let sealed = false;
  let pendingSequences: BackupSequence[] | null = null;
  const broken = (why: string) => new BackupError(`${file} is damaged or is not a Huajie backup: line ${lineNo} ${why}`);
  try {
    for await (const raw of lines(file)) {
      lineNo += 1;
      const line = raw.toString("utf8");
      let value: unknown;
      try {
        value = JSON.parse(line);
      } catch {
        value = undefined;
      }
      if (header === null) {
        if (typeof value !== "object" || value === null || !("huajieBackup" in value)) {
          throw new BackupError(`${file} is not a Huajie backup (it does not start with a backup header).`);
        }
        try {
          header = parseHeader(value as Record<string, unknown>);
        } catch (error) {
          throw new BackupError(`${file} cannot be read: ${(error as Error).message}`);
        }
        hash.update(raw).update("\n");
        yield { kind: "header", header };
        continue;
      }
      if (value === undefined) throw broken("is not JSON.");
      if (Array.isArray(value)) {
        if (!table) throw broken("is a row outside any table.");
        if (value.length !== table.columns || !value.every((v) => v === null || isText(v))) throw broken(`is not a row of ${table.name}.`);
        table.rows += 1;
        hash.update(raw).update("\n");
        yield { kind: "row", table: table.name, values: value as (string | null)[], line };
        continue;
      }
      if (typeof value !== "object" || value === null) throw broken("is not a backup entry.");
      const entry = value as Record<string, unknown>;
      if ("sha256" in entry) {
        if (table || !pendingSequences) throw broken("ends the backup too early.");
        if (entry.sha256 !== hash.digest("hex")) throw new BackupError(`${file} was altered or damaged: its content does not match its SHA-256 checksum.`);
        sealed = true;
        continue;
      }
      if (sealed) throw broken("follows the end of the backup.");
      if ("table" in entry) {
        const columns = entry.columns as BackupColumn[];
        const valid = isText(entry.table) && Array.isArray(columns) && columns.every((c) => Array.isArray(c) && c.length === 2 && c.every(isText));
        if (table || pendingSequences || !valid) throw broken("opens a table out of place.");
        table = { name: entry.table as string, columns: columns.length, rows: 0 };
        hash.update(raw).update("\n");
        yield { kind: "table", table: table.name, columns };
        continue;
      }
      if ("end" in entry) {
        if (!table || entry.end !== table.name || entry.rows !== table.rows) throw broken(`does not close ${table?.name ?? "a table"} with its row count.`);
        hash.update(raw).update("\n");
        yield { kind: "end", table: table.name, rows: table.rows };
        table = null;
        continue;
      }
      if ("sequences" in entry) {
        const list = entry.sequences as BackupSequence[];
        const valid = Array.isArray(list) && list.every((s) => Array.isArray(s) && s.length === 2 && isText(s[0]) && (s[1] === null || isText(s[1])));
        if (table || pendingSequences || !valid) throw broken("lists the sequences out of place.");
        pendingSequences = list;
        hash.update(raw).update("\n");
        continue;
      }
      throw broken("is not a backup entry.");
    }
  } catch (error) {
    if (error instanceof BackupError) throw error;
    throw new BackupError(`${file} cannot be read: ${(error as Error).message}`);
  }
  if (header === null) throw new BackupError(`${file} is empty: it is not a Huajie backup.`);
  if (!sealed) throw new BackupError(`${file} is truncated: it ends without its SHA-256 checksum.`);
  // The sequences come last, after the checksum matched, so a consumer applies nothing unchecked.
  yield { kind: "sequences", sequences: pendingSequences! };
}

export interface BackupSummary {
  header: BackupHeader;
  tables: { name: string; columns: BackupColumn[]; rows: number }[];
}

/** Reads the whole file once to check it, keeping only its header and the tables' shapes. */
export async function verifyBackup(file: string): Promise<BackupSummary> {
  let header: BackupHeader | null = null;
  const tables: BackupSummary["tables"] = [];
  for await (const entry of readBackup(file)) {
    if (entry.kind === "header") header = entry.header;
    else if (entry.kind === "table") tables.push({ name: entry.table, columns: entry.columns, rows: 0 });
    else if (entry.kind === "end") tables.at(-1)!.rows = entry.rows;
  }
  return { header: header!, tables };
}
