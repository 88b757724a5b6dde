import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { getTableColumns, getTableName, sql } from "drizzle-orm";
import type { PgTable } from "drizzle-orm/pg-core";
import { type Database, queryRows } from "./client.ts";
import * as schema from "./schema.ts";
import { openTestDatabase } from "../testing/test-database.ts";

/** Drizzle's SQL type names as PostgreSQL's catalogue spells them. */
const UDT_NAMES: Record<string, string> = {
  integer: "int4",
  bigint: "int8",
  boolean: "bool",
  "timestamp with time zone": "timestamptz",
  "text[]": "_text",
  "uuid[]": "_uuid",
};

// The SQL migrations are the source of truth; the Drizzle schema must describe exactly what they create.
describe("Drizzle schema agrees with the migrated database", () => {
  let db: Database;
  before(async () => {
    db = await openTestDatabase();
  });
  after(() => db.close());

  for (const table of Object.values(schema) as PgTable[]) {
    const name = getTableName(table);
    it(`table ${name}: same columns, types and nullability`, async () => {
      const columns = await queryRows<{ column_name: string; udt_name: string; is_nullable: string }>(
        db.orm,
        sql`SELECT column_name, udt_name, is_nullable FROM information_schema.columns WHERE table_schema = 'public' AND table_name = ${name} ORDER BY column_name`,
      );
      const actual = columns.map(
        (c) => `${c.column_name} ${c.udt_name}${c.is_nullable === "NO" ? " not null" : ""}`,
      );
      const declared = Object.values(getTableColumns(table)).map(
        (c) => `${c.name} ${UDT_NAMES[c.getSQLType()] ?? c.getSQLType()}${c.notNull ? " not null" : ""}`,
      );
      assert.deepEqual(actual.sort(), declared.sort());
    });
  }
});
