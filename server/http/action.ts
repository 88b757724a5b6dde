import type { Clock } from "../clock.ts";
import type { Db } from "../db/client.ts";
import { withLateWrites } from "../db/late-writes.ts";
import type { Actor } from "../policy/actor.ts";
import { type Deps, actorOf } from "./deps.ts";

/** The one argument of every named business action (`createOrg`, `resetPassword`, …). */
export interface ActionArgs<Input> {
  actor: Actor;
  input: Input;
  tx: Db;
  clock: Clock;
}

/**
 * Runs a named action for the request's actor in one transaction: the change, its live
 * events and its audit row commit together; the last two are written at its end.
 */
export function runAction<Input, Result>(
  deps: Deps,
  request: { actor: Actor | null },
  action: (args: ActionArgs<Input>) => Promise<Result>,
  input: Input,
): Promise<Result> {
  const actor = actorOf(request);
  return deps.db.orm.transaction((tx) => withLateWrites(tx, () => action({ actor, input, tx, clock: deps.clock })));
}
