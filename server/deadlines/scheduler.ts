// The one deadline scheduler. Each deadline fires in its own transaction: claim the row
// (FOR UPDATE SKIP LOCKED), run its kind's handler, mark it fired, commit. So a deadline
// fires exactly once however many nodes share the database, and a node dying mid-way rolls
// its claim back for another node (or its own restart) to take.
import type { Clock } from "../clock.ts";
import type { Database, Db } from "../db/client.ts";
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
 * Fires every deadline due by `now`, one transaction each, until none is left. A handler
 * that throws rolls back to a savepoint, so its half-done work is undone while the row
 * records the attempt and waits for its retry time. Given an open transaction as `orm`
 * (the demo loader replaying the past), each firing is a savepoint of it instead.
 */
export async function runDue(db: Pick<Database, "orm">, handlers: DeadlineHandlers, now: Date, onError: DeadlineErrorLogger = () => {}): Promise<RunResult> {
  const result: RunResult = { fired: 0, failed: 0 };
  for (;;) {
    const outcome = await db.orm.transaction(async (tx) => {
      const deadline = await claimDue(tx, now);
      if (!deadline) return null;
      const handler = handlers[deadline.kind];
      try {
        if (!handler) throw new Error(`no handler for deadline kind "${deadline.kind}"`);
        await tx.transaction((inner) => handler({ tx: inner, deadline, now }));
        await markFired(tx, deadline.id, now);
        return "fired" as const;
      } catch (error) {
        await markFailed(tx, deadline.id, new Date(now.getTime() + retryDelayMs(deadline.attempts)), error instanceof Error ? error.message : String(error));
        onError(error, deadline);
        return "failed" as const;
      }
    });
    if (outcome === null) return result;
    result[outcome] += 1;
  }
}

export interface Scheduler {
  /** Runs what is due now, as the timer would; for the command line and for tests of the running loop. */
  tick(): Promise<RunResult>;
  /** Stops the timer and waits for a run in progress to finish. */
  stop(): Promise<void>;
}

/**
 * Deadlines are whole minutes from the moment they are set (a plan's shortest is one minute),
 * so a poll every second is never more than a second late, and a new deadline can never fall
 * before the next poll: no wake-up signal is needed, on one node or on many.
 */
export const POLL_INTERVAL_MS = 1000;

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
    running = runDue(db, handlers, clock.now(), onError);
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
