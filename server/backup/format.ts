// The backup file: gzip over lines of JSON, the same from PGlite and from PostgreSQL.
//
//   {"huajieBackup":1, "huajieVersion", "createdAt", "databaseKind", "migrations":[{name, checksum}]}
//   {"table":"accounts","columns":[["id","uuid"],…]}      then one line per row, by primary key:
//   ["0b3c…","…",null,…]                                   each value in its type's text form
//   {"end":"accounts","rows":12}
//   … every table, in name order …
//   {"sequences":[["login_failures_id_seq","42"],…]}       last value, null when never used
//   {"sha256":"…"}                                         over every byte of the lines above
//
// Text forms are taken with fixed settings (UTC, ISO dates, hex bytea), so two databases with
// the same content give the same lines whatever their server's defaults.

export const BACKUP_FORMAT_VERSION = 1;

export interface BackupHeader {
  huajieBackup: number;
  huajieVersion: string;
  createdAt: string;
  databaseKind: "pglite" | "postgres";
  migrations: { name: string; checksum: string }[];
}

/** A column's name and its type as `format_type` spells it. */
export type BackupColumn = [name: string, type: string];

/** A sequence's name and last value (null when it was never used). */
export type BackupSequence = [name: string, lastValue: string | null];

export type BackupEntry =
  | { kind: "header"; header: BackupHeader }
  | { kind: "table"; table: string; columns: BackupColumn[] }
  | { kind: "row"; table: string; values: (string | null)[]; line: string }
  | { kind: "end"; table: string; rows: number }
  | { kind: "sequences"; sequences: BackupSequence[] };

/** The session settings under which values are written and read back. */
export const TEXT_FORM_SETTINGS = [
  "SET LOCAL TimeZone = 'UTC'",
  "SET LOCAL DateStyle = 'ISO, YMD'",
  "SET LOCAL IntervalStyle = 'postgres'",
  "SET LOCAL extra_float_digits = 1",
  "SET LOCAL bytea_output = 'hex'",
];

/** Why a backup cannot be restored (or taken): shown to the operator as it is. */
export class BackupError extends Error {
  override name = "BackupError";
}

export const quoteIdent = (name: string) => `"${name.replaceAll('"', '""')}"`;
