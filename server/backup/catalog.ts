// What a backup reads from the database's catalog: the tables, their columns and keys, the
// foreign keys and the sequences, all of schema public (where the migrations create everything).
import { sql } from "drizzle-orm";
import { type Db, queryRows } from "../db/client.ts";
import { type BackupColumn, type BackupSequence, quoteIdent } from "./format.ts";

export interface TableShape {
  name: string;
  columns: BackupColumn[];
  /** The ORDER BY that lists the rows the same way on every server: by primary key, text bytewise. */
  orderBy: string;
  hasBytes: boolean;
}

/** The tables in name order (bytewise, whatever the database's collation). */
export async function listTables(db: Db): Promise<string[]> {
  const rows = await queryRows<{ name: string }>(
    db,
    sql`SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = 'public' AND c.relkind = 'r' ORDER BY c.relname COLLATE "C"`,
  );
  return rows.map((row) => row.name);
}

export async function tableShape(db: Db, table: string): Promise<TableShape> {
  const relation = `public.${quoteIdent(table)}`;
  // Generated columns are computed again on insert, so they are neither written nor restored.
  const columns = await queryRows<{ name: string; type: string; collatable: boolean }>(
    db,
    sql`SELECT a.attname AS name, format_type(a.atttypid, a.atttypmod) AS type, a.attcollation <> 0 AS collatable
        FROM pg_attribute a WHERE a.attrelid = ${relation}::regclass AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = ''
        ORDER BY a.attnum`,
  );
  const key = await queryRows<{ name: string }>(
    db,
    sql`SELECT a.attname AS name FROM pg_index i
        CROSS JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, ord)
        JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum
        WHERE i.indrelid = ${relation}::regclass AND i.indisprimary ORDER BY k.ord`,
  );
  const collatable = new Set(columns.filter((c) => c.collatable).map((c) => c.name));
  const orderBy =
    key.length > 0
      ? key.map(({ name }) => quoteIdent(name) + (collatable.has(name) ? ' COLLATE "C"' : "")).join(", ")
      : `${quoteIdent(table)}::text COLLATE "C"`;
  return {
    name: table,
    columns: columns.map((c) => [c.name, c.type]),
    orderBy,
    hasBytes: columns.some((c) => c.type === "bytea"),
  };
}

export interface ForeignKey {
  table: string;
  name: string;
  definition: string;
}

export async function listForeignKeys(db: Db): Promise<ForeignKey[]> {
  return queryRows<ForeignKey>(
    db,
    sql`SELECT t.relname AS "table", c.conname AS name, pg_get_constraintdef(c.oid) AS definition
        FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid JOIN pg_namespace n ON n.oid = t.relnamespace
        WHERE c.contype = 'f' AND n.nspname = 'public' ORDER BY t.relname COLLATE "C", c.conname COLLATE "C"`,
  );
}

/** Every sequence with its last value, and the column it numbers (identity or serial), if any. */
export async function listSequences(db: Db): Promise<{ name: string; lastValue: string | null; table: string | null; column: string | null }[]> {
  return queryRows(
    db,
    sql`SELECT s.sequencename AS name, s.last_value::text AS "lastValue", t.relname AS "table", a.attname AS "column"
        FROM pg_sequences s
        JOIN pg_class q ON q.relname = s.sequencename AND q.relnamespace = 'public'::regnamespace
        LEFT JOIN pg_depend d ON d.classid = 'pg_class'::regclass AND d.objid = q.oid AND d.refclassid = 'pg_class'::regclass AND d.deptype IN ('a', 'i')
        LEFT JOIN pg_class t ON t.oid = d.refobjid
        LEFT JOIN pg_attribute a ON a.attrelid = d.refobjid AND a.attnum = d.refobjsubid
        WHERE s.schemaname = 'public' ORDER BY s.sequencename COLLATE "C"`,
  );
}

export const sequenceEntries = (sequences: Awaited<ReturnType<typeof listSequences>>): BackupSequence[] =>
  sequences.map((s) => [s.name, s.lastValue]);
