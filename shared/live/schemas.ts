import { z } from "zod";
import { OnDuty } from "../duty/schemas.ts";
import { IncidentDeadlineKind, IncidentStatus } from "../incidents/schemas.ts";
import { EmergencyCategory, SeverityLevel } from "../plans/schemas.ts";

/**
 * Real-time events, as `GET /api/live?since=<seq>` (a WebSocket) sends them, one JSON message
 * each. An event says what changed, not the new state: the client re-reads what it shows.
 */
export const LIVE_EVENT_TYPES = [
  "incident.reported",
  "incident.updated",
  "incident.opened",
  "deadline.overdue",
  "deadline.met",
  "task.updated",
  "notification.created",
  "notification.acknowledged",
  "dispute.changed",
] as const;
export const LiveEventType = z.enum(LIVE_EVENT_TYPES);
export type LiveEventType = z.infer<typeof LiveEventType>;

export const LiveEvent = z.object({
  /** Increases with every event of the deployment; reconnect with `since=<the last seq seen>` to get what was missed, in order. */
  seq: z.number().int(),
  type: LiveEventType,
  incidentId: z.uuid().nullable(),
  /** Set for `dispute.changed`: the case whose page re-reads it. */
  disputeId: z.uuid().nullable(),
  /** The org the event belongs to: a client receives it when the org is in its jurisdiction. */
  orgId: z.uuid(),
  /** Set for notification events, which go only to their recipient. */
  notificationId: z.uuid().nullable(),
  at: z.string(),
});
export type LiveEvent = z.infer<typeof LiveEvent>;

/** `since` absent: only events from now on. */
export const LiveQuery = z.object({ since: z.coerce.number().int().min(0).optional() });

/**
 * Close code when `since` lies before the oldest event kept (events are kept for a day): the
 * client reloads what it shows, then reconnects without `since`.
 */
export const LIVE_CLOSE_RESYNC = 4000;
/** The server pings every this many milliseconds; a connection that does not answer one is closed. */
export const LIVE_PING_MS = 20_000;

export const LiveBoardQuery = z.object({ orgId: z.uuid().optional() });

export const DEADLINE_STATUSES = ["pending", "met", "fired", "cancelled"] as const;
export const LiveBoardDeadline = z.object({
  id: z.uuid(),
  kind: IncidentDeadlineKind,
  /** The plan's words for it: whom a step notifies, to whom a report goes, who must be on site, the task's title. */
  label: z.string(),
  /** Acknowledgement deadlines: the escalation step, 1 first. */
  step: z.number().int().nullable(),
  dueAt: z.string(),
  status: z.enum(DEADLINE_STATUSES),
  firedAt: z.string().nullable(),
  metAt: z.string().nullable(),
});
export type LiveBoardDeadline = z.infer<typeof LiveBoardDeadline>;

export const LiveBoardIncident = z.object({
  id: z.uuid(),
  title: z.string(),
  orgName: z.string(),
  category: EmergencyCategory,
  level: SeverityLevel.nullable(),
  status: IncidentStatus,
  reportedAt: z.string(),
  deadlines: z.array(LiveBoardDeadline),
  /** Notifications of this incident nobody has acknowledged yet (all recipients). */
  unacknowledgedNotifications: z.number().int(),
  overdueTasks: z.number().int(),
});
export type LiveBoardIncident = z.infer<typeof LiveBoardIncident>;

export const LiveBoard = z.object({
  org: z.object({ id: z.uuid(), name: z.string() }),
  onDuty: OnDuty,
  /** Reported and open incidents of the org's subtree: level I first, then the newest. */
  incidents: z.array(LiveBoardIncident),
  /** The caller's own notifications still waiting for acknowledgement. */
  unacknowledgedNotifications: z.number().int(),
});
export type LiveBoard = z.infer<typeof LiveBoard>;
