// The one deadline scheduler. A deadline fires in the transaction that claims its row (FOR
// UPDATE SKIP LOCKED): its kind's handler runs, the row is marked fired, and both commit
// together or not at all. So a deadline fires exactly once however many nodes share the
// database, and a node dying mid-way rolls its claim back for another node (or its own
// restart) to take.
import type { Clock } from "../clock.ts";
import type { Database, Db } from "../db/client.ts";
import { withLateWrites } from "../db/late-writes.ts";
import { type DeadlineRow, claimDue, markFailed, markFired } from "./deadlines.ts";

export interface DeadlineHandlerArgs {
  /** The claiming transaction: what the handler writes commits with the firing, or not at all. */
  tx: Db;
  deadline: DeadlineRow;
  now: Date;
}
export type DeadlineHandler = (args: DeadlineHandlerArgs) => Promise<void>;
export type DeadlineHandlers = Readonly<Record<string, DeadlineHandler>>;

/** A failing handler is retried after 1, 2, 4 … minutes, at most hourly, and never given up: a missed escalation is worse than a noisy log. */
const RETRY_BASE_MS = 60_000;
const RETRY_MAX_MS = 60 * 60_000;
export const retryDelayMs = (attemptsSoFar: number) => Math.min(RETRY_BASE_MS * 2 ** attemptsSoFar, RETRY_MAX_MS);

export interface RunResult {
  fired: number;
  failed: number;
}

export type DeadlineErrorLogger = (error: unknown, deadline: DeadlineRow | null) => void;

/**
 * How many deadlines one transaction fires, and for how long it may keep firing: one claim,
 * one mark and one commit (one sync of the log) for many deadlines. It stops after `ms`, so
 * what waits behind it is not kept long: on PGlite's one connection, the requests queued
 * meanwhile, answered between batches; on PostgreSQL, a request that needs a case's row a
 * handler of the batch has changed.
 */
export interface Batch {
  size: number;
  ms: number;
}
/**
 * Under a stream of requests that keeps the node busy, a turn has to fire what fell due
 * meanwhile (10,000 in a minute is 170 a second) while delaying each request by little. On
 * PostgreSQL four workers share a burst and a deadline waits for those ahead of it in its
 * batch, so each batch is small: 50 a batch for 200 ms left p99 lateness at 1.06 s under the
 * API benchmark's load, 20 for 100 ms at 0.67 s (bench/RESULTS.md).
 */
export const EMBEDDED_BATCH: Batch = { size: 500, ms: 200 };
export const POSTGRES_BATCH: Batch = { size: 20, ms: 100 };
const batchFor = (db: Partial<Pick<Database, "kind">>) => (db.kind === "postgres" ? POSTGRES_BATCH : EMBEDDED_BATCH);
/** Each worker holds a pooled connection while a backlog lasts; the rest of the pool (10 by default) serves requests. */
const POSTGRES_WORKERS = 4;

/**
 * Fires every deadline due by `now`, batch after batch, until none is left. Each handler runs
 * in a savepoint: one that throws has its half-done work undone while its row records the
 * attempt and waits for its retry time, and the rest of the batch fires. Given an open
 * transaction as `orm` (the demo loader replaying the past), each batch is a savepoint of it.
 */
export async function runDue(
  db: Pick<Database, "orm"> & Partial<Pick<Database, "kind">>,
  handlers: DeadlineHandlers,
  now: Date,
  onError: DeadlineErrorLogger = () => {},
  batch: Batch = batchFor(db),
): Promise<RunResult> {
  const result: RunResult = { fired: 0, failed: 0 };
  for (;;) {
    const outcome = await fireBatch(db.orm, handlers, now, onError, batch);
    if (outcome === null) return result;
    result.fired += outcome.fired;
    result.failed += outcome.failed;
    // Requests that arrived during the batch queue for the connection before the next batch does.
    await new Promise((resolve) => setImmediate(resolve));
  }
}

/**
 * The handlers' live events and audit rows are written at the batch's end (`withLateWrites`):
 * their locks, which every writer shares, are then held from that write to the commit only,
 * and never while a handler waits for a case's row that a request holds while it waits for
 * one of those locks. Should that end write fail, the whole batch rolls back with it; the same
 * deadlines are then fired again with each handler's writes made in its own savepoint, where a
 * failing one fails its handler alone and waits for its retry like any other failure.
 */
async function fireBatch(orm: Db, handlers: DeadlineHandlers, now: Date, onError: DeadlineErrorLogger, batch: Batch): Promise<RunResult | null> {
  try {
    return await fireBatchWith(orm, handlers, now, onError, batch, true);
  } catch (error) {
    onError(error, null);
    return fireBatchWith(orm, handlers, now, onError, batch, false);
  }
}

async function fireBatchWith(orm: Db, handlers: DeadlineHandlers, now: Date, onError: DeadlineErrorLogger, batch: Batch, lateWrites: boolean): Promise<RunResult | null> {
  return orm.transaction(async (tx) => {
    const fire = async () => {
      const claimed = await claimDue(tx, now, batch.size);
      if (claimed.length === 0) return null;
      const started = performance.now();
      const fired: string[] = [];
      let failed = 0;
      // What the time runs out on stays claimed only until the commit, then the next batch takes it.
      for (const deadline of claimed) {
        if (fired.length + failed > 0 && performance.now() - started >= batch.ms) break;
        const handler = handlers[deadline.kind];
        try {
          if (!handler) throw new Error(`no handler for deadline kind "${deadline.kind}"`);
          const run = (inner: Db) => handler({ tx: inner, deadline, now });
          await tx.transaction((inner) => (lateWrites ? withLateWrites(inner, () => run(inner), tx) : run(inner)));
          fired.push(deadline.id);
        } catch (error) {
          await markFailed(tx, deadline.id, new Date(now.getTime() + retryDelayMs(deadline.attempts)), error instanceof Error ? error.message : String(error));
          onError(error, deadline);
          failed += 1;
        }
      }
      await markFired(tx, fired, now);
      return { fired: fired.length, failed };
    };
    return lateWrites ? withLateWrites(tx, fire) : fire();
  });
}

/**
 * A node's run: its workers fire side by side, and the run ends when they all have; the first
 * failure, if any, is its outcome. On PostgreSQL one claim comes first, and the workers start
 * only when it found something: a poll that finds nothing due is then one short transaction.
 */
async function runWorkers(db: Database, handlers: DeadlineHandlers, now: Date, onError: DeadlineErrorLogger): Promise<RunResult> {
  if (db.kind !== "postgres") return runDue(db, handlers, now, onError);
  const opening = await fireBatch(db.orm, handlers, now, onError, POSTGRES_BATCH);
  if (opening === null) return { fired: 0, failed: 0 };
  const outcomes = await Promise.allSettled(Array.from({ length: POSTGRES_WORKERS }, () => runDue(db, handlers, now, onError)));
  const result: RunResult = { ...opening };
  for (const outcome of outcomes) {
    if (outcome.status === "rejected") throw outcome.reason;
    result.fired += outcome.value.fired;
    result.failed += outcome.value.failed;
  }
  return result;
}

export interface Scheduler {
  /** Runs what is due now, as the timer would; for the command line and for tests of the running loop. */
  tick(): Promise<RunResult>;
  /** Stops the timer and waits for a run in progress to finish. */
  stop(): Promise<void>;
}

/**
 * Deadlines are whole minutes from the moment they are set (a plan's shortest is one minute),
 * so a new deadline can never fall before the next poll: no wake-up signal is needed, on one
 * node or on many. A quarter of a second between polls keeps a firing within a second of its
 * due time even when the poll's own run takes a while; an idle poll is one indexed claim.
 */
export const POLL_INTERVAL_MS = 250;

/**
 * Starts the scheduler of a node. The first run happens before this returns: it fires, once,
 * everything that fell due while the server was down.
 */
export async function startScheduler(options: {
  db: Database;
  clock: Clock;
  handlers: DeadlineHandlers;
  onError: DeadlineErrorLogger;
  pollMs?: number;
}): Promise<Scheduler> {
  const { db, clock, handlers, onError, pollMs = POLL_INTERVAL_MS } = options;
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<RunResult> | null = null;
  let stopped = false;

  const tick = async (): Promise<RunResult> => {
    // One run at a time per node: a slow run is not overtaken by the next poll.
    while (running) await running.catch(() => undefined);
    running = runWorkers(db, handlers, clock.now(), onError);
    try {
      return await running;
    } finally {
      running = null;
    }
  };

  const loop = () => {
    if (stopped) return;
    timer = setTimeout(() => {
      tick()
        .catch((error: unknown) => onError(error, null))
        .finally(loop);
    }, pollMs);
    timer.unref();
  };

  await tick();
  loop();
  return {
    tick,
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running?.catch(() => undefined);
    },
  };
}
