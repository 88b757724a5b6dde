// Live events and audit rows each take a lock that every writer on every node shares, and
// hold it until their transaction commits (that is what keeps their order the commit order).
// Taken where an action first writes one, the lock would be held for the rest of the action:
// the lookups, the notifications, the response view. Inside `withLateWrites` such writes are
// queued instead and made at the end, so the lock is held from their insert to the commit only.
import type { Db } from "./client.ts";

/** A kind of write that waits for the end of its transaction. */
export interface LateWriter<Item> {
  /** Writers flush in ascending order: the order their locks must always be taken in. */
  readonly order: number;
  flush(tx: Db, items: Item[]): Promise<void>;
}

type Queue = Map<LateWriter<never>, unknown[]>;
const queues = new WeakMap<Db, Queue>();

/**
 * Runs `work` in the transaction `tx`, then makes the writes it queued, in their writers' order.
 * Given `into`, a transaction running under `withLateWrites` of which `tx` is a savepoint, the
 * writes join its queue instead, when `work` succeeds: they are made at its end, and dropped
 * with the savepoint when `work` fails.
 */
export async function withLateWrites<Result>(tx: Db, work: () => Promise<Result>, into?: Db): Promise<Result> {
  const queue: Queue = new Map();
  queues.set(tx, queue);
  try {
    const result = await work();
    const outer = into && queues.get(into);
    if (outer) {
      for (const [writer, items] of queue) outer.set(writer, [...(outer.get(writer) ?? []), ...items]);
      return result;
    }
    const writers = [...queue.keys()].sort((a, b) => a.order - b.order);
    for (const writer of writers) await writer.flush(tx, queue.get(writer) as never[]);
    return result;
  } finally {
    queues.delete(tx);
  }
}

/**
 * Queues `items` for the end of the transaction when it runs under `withLateWrites`, and
 * returns true; false when the caller must write them now (a transaction of its own, or a
 * savepoint inside one, which may roll back apart from it).
 */
export function queueLate<Item>(tx: Db, writer: LateWriter<Item>, items: readonly Item[]): boolean {
  const queue = queues.get(tx);
  if (!queue) return false;
  const queued = queue.get(writer as LateWriter<never>) ?? [];
  queued.push(...items);
  queue.set(writer as LateWriter<never>, queued);
  return true;
}
