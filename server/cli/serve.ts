import { buildApp } from "../app.ts";
import { systemClock } from "../clock.ts";
import type { Config } from "../config.ts";
import type { Database } from "../db/client.ts";
import { openConfiguredDatabase, scheduleMaintenance } from "../runtime.ts";

/** Starts one node; stops cleanly on SIGINT/SIGTERM so the embedded database closes its files. */
export async function serve(config: Config, options: { prepare?: (db: Database) => Promise<string | null> } = {}) {
  const db = await openConfiguredDatabase(config, (line) => console.log(line));
  const note = options.prepare ? await options.prepare(db) : null;
  const app = await buildApp({ db, clock: systemClock, config });
  const stopMaintenance = scheduleMaintenance(db, (error) => app.log.error({ err: error }, "maintenance failed"));
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    stopMaintenance();
    await app.close();
    await db.close();
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
  await app.listen({ host: config.host, port: config.port });
  const where = db.kind === "pglite" ? `embedded database in ${config.dataDir}` : "PostgreSQL";
  console.log(`\nHuajie 化解 is running at http://localhost:${config.port} (${where}).`);
  if (note) console.log(note);
}
