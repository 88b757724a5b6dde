import { buildApp } from "../app.ts";
import { scheduleAuditPrune } from "../audit/prune.ts";
import { systemClock } from "../clock.ts";
import type { Config } from "../config.ts";
import type { Database } from "../db/client.ts";
import { deadlineHandlers } from "../deadlines/handlers.ts";
import { startScheduler } from "../deadlines/scheduler.ts";
import { smsChannelFor, smtpChannel } from "../modules/notifications/channels.ts";
import { startDeliveries } from "../modules/notifications/deliveries.ts";
import { openConfiguredDatabase, scheduleMaintenance } from "../runtime.ts";

/** Starts one node; stops cleanly on SIGINT/SIGTERM so the embedded database closes its files. */
export async function serve(config: Config, options: { prepare?: (db: Database) => Promise<string | null> } = {}) {
  const db = await openConfiguredDatabase(config, (line) => console.log(line));
  const note = options.prepare ? await options.prepare(db) : null;
  const app = await buildApp({ db, clock: systemClock, config });
  const stopMaintenance = scheduleMaintenance(db, (error) => app.log.error({ err: error }, "maintenance failed"));
  const stopAuditPrune = config.auditPrune
    ? scheduleAuditPrune(db.orm, systemClock, config.auditRetentionDays, (error) => app.log.error({ err: error }, "audit log prune failed"))
    : () => {};
  // Its first run fires what fell due while the server was down, before requests are served.
  const scheduler = await startScheduler({
    db,
    clock: systemClock,
    handlers: deadlineHandlers,
    onError: (error, deadline) => app.log.error({ err: error, deadlineId: deadline?.id, kind: deadline?.kind }, "deadline handler failed"),
  });
  // E-mail, webhooks and SMS leave after their transaction commits, from this outbox worker.
  const deliveries = startDeliveries({
    db,
    clock: systemClock,
    channels: {
      email: config.smtpUrl ? smtpChannel(config.smtpUrl, config.mailFrom) : null,
      sms: smsChannelFor(config.smsAdapter, (line) => app.log.info(line)),
    },
    onError: (error) => app.log.warn({ err: error }, "notification delivery failed; it will be retried"),
  });
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await scheduler.stop();
    await deliveries.stop();
    stopMaintenance();
    stopAuditPrune();
    await app.close();
    await db.close();
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
  try {
    await app.listen({ host: config.host, port: config.port });
  } catch (error) {
    // The scheduler's and the outbox's timers would keep a node that serves nothing alive.
    await stop();
    throw error;
  }
  const where = db.kind === "pglite" ? `embedded database in ${config.dataDir}` : "PostgreSQL";
  console.log(`\nHuajie 化解 is running at http://localhost:${config.port} (${where}).`);
  if (note) console.log(note);
}
