// Every module's deadline handlers, by kind: the registry the scheduler of a node runs with.
// A module that sets deadlines adds its handlers here, as it adds its routes to app.ts.
import { disputeDeadlineHandlers } from "../modules/disputes/dispute-deadlines.ts";
import { incidentDeadlineHandlers } from "../modules/incidents/incident-deadlines.ts";
import type { DeadlineHandlers } from "./scheduler.ts";

export const deadlineHandlers: DeadlineHandlers = { ...incidentDeadlineHandlers, ...disputeDeadlineHandlers };
