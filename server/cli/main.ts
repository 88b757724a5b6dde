import { parseArgs } from "node:util";
import { verifyAuditChain } from "../audit/verify.ts";
import { BackupError } from "../backup/format.ts";
import { verifyBackup } from "../backup/read-backup.ts";
import { restoreBackup } from "../backup/restore-backup.ts";
import { writeBackup } from "../backup/write-backup.ts";
import { systemClock } from "../clock.ts";
import { ConfigError, loadConfig } from "../config.ts";
import { migrate } from "../db/migrate.ts";
import { loadDemoTownship } from "../demo/township.ts";
import { connectConfigured, openConfiguredDatabase } from "../runtime.ts";
import { createFirstAdmin } from "./create-admin.ts";
import { serve } from "./serve.ts";

const USAGE = `huajie <command>

  serve                 run the server (settings from the environment; see README)
  migrate               apply pending database migrations and exit
  create-admin          create an administrator account (and the root org if there is none)
                        --username NAME --name DISPLAY_NAME [--org-name NAME --org-kind county]
                        the password is read from HUAJIE_ADMIN_PASSWORD
  demo                  run with the demonstration township (loaded on the first run only)
  audit verify          check the hash chain of the audit log; exits 1 and names the first broken row
  backup FILE           write the whole database to FILE (gzip), from one consistent snapshot
  restore FILE          check FILE, then restore it into an empty database (migrating it to the
                        backup's level first); a damaged file or a database with data is refused
`;

async function main(argv: string[]) {
  const [command, ...rest] = argv;
  switch (command) {
    case "serve":
      return serve(loadConfig());
    case "demo": {
      const config = loadConfig({ ...process.env, NODE_ENV: process.env.NODE_ENV === "production" ? "development" : process.env.NODE_ENV }, { demo: true });
      return serve(config, { prepare: (db) => loadDemoTownship(db.orm, systemClock) });
    }
    case "migrate": {
      const db = await connectConfigured(loadConfig());
      const applied = await migrate(db);
      if (applied.length > 0) await db.maintain();
      console.log(applied.length ? `Applied ${applied.join(", ")}` : "The database is up to date.");
      return db.close();
    }
    case "create-admin": {
      const { values } = parseArgs({
        args: rest,
        options: { username: { type: "string" }, name: { type: "string" }, "org-name": { type: "string" }, "org-kind": { type: "string" } },
      });
      const db = await openConfiguredDatabase(loadConfig());
      try {
        const result = await createFirstAdmin(db, systemClock, {
          username: values.username,
          displayName: values.name,
          password: process.env.HUAJIE_ADMIN_PASSWORD,
          orgName: values["org-name"],
          orgKind: values["org-kind"],
        });
        console.log(`Created administrator ${result.username} in ${result.orgName}.`);
      } finally {
        await db.close();
      }
      return;
    }
    case "backup": {
      if (rest.length !== 1) break;
      const db = await connectConfigured(loadConfig());
      try {
        const started = Date.now();
        const result = await writeBackup(db, rest[0]!);
        console.log(`Backed up ${result.rows} rows of ${result.tables} tables to ${rest[0]} (${formatBytes(result.bytes)}) in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
      } finally {
        await db.close();
      }
      return;
    }
    case "restore": {
      if (rest.length !== 1) break;
      const config = loadConfig();
      // A damaged file is refused before the database is even opened.
      const checked = await verifyBackup(rest[0]!);
      const db = await connectConfigured(config);
      try {
        const result = await restoreBackup(db, rest[0]!, checked);
        const { header } = result;
        console.log(
          `Restored ${result.rows} rows of ${result.tables} tables from ${rest[0]} (taken ${header.createdAt} by Huajie ${header.huajieVersion} on ${header.databaseKind}, at migration ${header.migrations.at(-1)?.name ?? "none"}).`,
        );
      } finally {
        await db.close();
      }
      return;
    }
    case "audit": {
      if (rest[0] !== "verify") break;
      const db = await openConfiguredDatabase(loadConfig());
      const result = await verifyAuditChain(db.orm);
      await db.close();
      const from = result.anchor ? ` from anchor #${result.anchor.id} (rows up to ${result.anchor.throughSeq} pruned)` : "";
      if (result.ok) {
        console.log(`Audit chain intact: ${result.checked} rows verified${from}.`);
        return;
      }
      const where = result.firstBrokenSeq === null ? "its anchor" : `row ${result.firstBrokenSeq}`;
      console.error(`Audit chain BROKEN at ${where}: ${result.reason} (${result.checked} rows verified${from} before it).`);
      process.exitCode = 1;
      return;
    }
  }
  process.stderr.write(USAGE);
  process.exitCode = 2;
}

const formatBytes = (bytes: number) => (bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MiB` : `${Math.ceil(bytes / 1024)} KiB`);

main(process.argv.slice(2)).catch((error: unknown) => {
  console.error(error instanceof ConfigError || error instanceof BackupError ? error.message : error);
  process.exitCode = 1;
});
