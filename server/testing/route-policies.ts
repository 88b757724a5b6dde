import { accountPolicy } from "../modules/accounts/policy.ts";
import { disputePolicy } from "../modules/disputes/policy.ts";
import { calendarFeedPolicy, handoverPolicy, protectionPolicy, shiftPolicy, statusReportPolicy } from "../modules/duty/policy.ts";
import { groupPolicy } from "../modules/groups/policy.ts";
import { closurePolicy } from "../modules/incidents/closure-policy.ts";
import { incidentPolicy } from "../modules/incidents/policy.ts";
import { reportPolicy } from "../modules/incidents/report-policy.ts";
import { notificationPolicy, webhookPolicy } from "../modules/notifications/policy.ts";
import { orgPolicy } from "../modules/orgs/policy.ts";
import { drillPolicy, planPolicy } from "../modules/plans/policy.ts";
import type { Policy } from "../policy/authorize.ts";

/**
 * What a route with an id enforces on its record: the policy and action its service passes to
 * `requireAccess` (a record it may not read is 404, a readable one it may not act on 403).
 * The access-matrix test fails for a documented id route missing here: add a new route's line
 * when adding the route.
 */
export interface RouteAccess {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- one table over every module's own action names
  policy: Policy<any>;
  action: string;
  /** The record is made again after a request that changed it so that the next caller could no longer reach it the same way (deleted, moved). */
  remake?: true;
  /** Why the answer also depends on the record's state or owners, beyond role and org. */
  note?: string;
}

const OWN_ONLY = "own scope: granted to the record's people alone (filer, recipient): the owner named in RECORD_TABLES counts, when a maker picked one of the matrix's callers";

export const ROUTE_POLICIES: Record<string, RouteAccess> = {
  "GET /api/orgs/{id}": { policy: orgPolicy, action: "read" },
  "PATCH /api/orgs/{id}": { policy: orgPolicy, action: "update" },
  "POST /api/orgs/{id}/move": { policy: orgPolicy, action: "move", remake: true, note: "the new parent must be one the caller may create under (createChild): the record's own parent here" },
  "POST /api/orgs/{id}/deactivate": { policy: orgPolicy, action: "deactivate", remake: true },
  "POST /api/orgs/{id}/reactivate": { policy: orgPolicy, action: "reactivate" },
  "GET /api/orgs/{id}/on-duty": { policy: orgPolicy, action: "read" },
  "GET /api/orgs/{id}/webhook": { policy: webhookPolicy, action: "read" },
  "PUT /api/orgs/{id}/webhook": { policy: webhookPolicy, action: "manage" },
  "GET /api/accounts/{id}": { policy: accountPolicy, action: "read", note: OWN_ONLY },
  "PATCH /api/accounts/{id}": { policy: accountPolicy, action: "update" },
  "POST /api/accounts/{id}/reset-password": { policy: accountPolicy, action: "resetPassword" },
  "POST /api/accounts/{id}/deactivate": { policy: accountPolicy, action: "deactivate" },
  "POST /api/accounts/{id}/reactivate": { policy: accountPolicy, action: "reactivate" },
  "GET /api/groups/{id}": { policy: groupPolicy, action: "read" },
  "PATCH /api/groups/{id}": { policy: groupPolicy, action: "update" },
  "POST /api/groups/{id}/members": { policy: groupPolicy, action: "update" },
  "POST /api/groups/{id}/members/remove": { policy: groupPolicy, action: "update" },
  "GET /api/groups/{id}/history": { policy: groupPolicy, action: "read" },
  "GET /api/plans/{id}": { policy: planPolicy, action: "read" },
  "PATCH /api/plans/{id}": { policy: planPolicy, action: "update" },
  "POST /api/plans/{id}/publish": { policy: planPolicy, action: "publish" },
  "POST /api/plans/{id}/retire": { policy: planPolicy, action: "retire" },
  "GET /api/plans/{id}/suggest-level": { policy: planPolicy, action: "read" },
  "GET /api/plans/{id}/export.docx": { policy: planPolicy, action: "read" },
  "GET /api/drills/{id}": { policy: drillPolicy, action: "read" },
  "GET /api/shifts/{id}": { policy: shiftPolicy, action: "read" },
  "PATCH /api/shifts/{id}": { policy: shiftPolicy, action: "update" },
  "DELETE /api/shifts/{id}": { policy: shiftPolicy, action: "delete", remake: true },
  "GET /api/shifts/{id}/log": { policy: shiftPolicy, action: "read" },
  "POST /api/shifts/{id}/log": { policy: shiftPolicy, action: "writeLog", note: OWN_ONLY },
  "GET /api/handovers/{id}": { policy: handoverPolicy, action: "read" },
  "POST /api/handovers/{id}/acknowledge": { policy: handoverPolicy, action: "acknowledge", note: "also the people of the org's next shift (own scope)" },
  "GET /api/protection-periods/{id}": { policy: protectionPolicy, action: "read", note: "also readable from each covered org: the made period covers its own org only" },
  "PATCH /api/protection-periods/{id}": { policy: protectionPolicy, action: "update" },
  "POST /api/protection-periods/{id}/reports": { policy: statusReportPolicy, action: "file", note: "checked on the covered org the body names: the period's own org here" },
  "GET /api/protection-periods/{id}/report-status": { policy: protectionPolicy, action: "read" },
  "DELETE /api/calendar-feeds/{id}": { policy: calendarFeedPolicy, action: "manageOrgFeed", remake: true, note: "an org's feed; a person's feed is its owner's alone (own scope)" },
  "GET /api/incidents/{id}": { policy: incidentPolicy, action: "read", note: OWN_ONLY },
  "PATCH /api/incidents/{id}": { policy: incidentPolicy, action: "update", note: OWN_ONLY },
  "POST /api/incidents/{id}/level": { policy: incidentPolicy, action: "setLevel" },
  "GET /api/incidents/{id}/timeline": { policy: incidentPolicy, action: "read" },
  "POST /api/incidents/{id}/notes": { policy: incidentPolicy, action: "addNote", note: OWN_ONLY },
  "POST /api/incidents/{id}/on-site": { policy: incidentPolicy, action: "recordOnSite", note: "only while the incident is open" },
  "POST /api/incidents/{id}/deadlines/{deadlineId}/meet": { policy: incidentPolicy, action: "meetDeadline", note: "only while the incident is open" },
  "PATCH /api/incidents/{id}/tasks/{taskId}": { policy: incidentPolicy, action: "updateTask" },
  "GET /api/incidents/{id}/reports": { policy: reportPolicy, action: "read" },
  "POST /api/incidents/{id}/reports": { policy: reportPolicy, action: "draft" },
  "GET /api/incidents/{id}/reports/{reportId}": { policy: reportPolicy, action: "read" },
  "PATCH /api/incidents/{id}/reports/{reportId}": { policy: reportPolicy, action: "draft" },
  "POST /api/incidents/{id}/reports/{reportId}/approve": { policy: reportPolicy, action: "approve" },
  "POST /api/incidents/{id}/reports/{reportId}/send": { policy: reportPolicy, action: "send" },
  "GET /api/incidents/{id}/reports/{reportId}/export.docx": { policy: reportPolicy, action: "read" },
  "GET /api/incidents/{id}/cap.xml": { policy: reportPolicy, action: "read" },
  "POST /api/incidents/{id}/close": { policy: closurePolicy, action: "close" },
  "POST /api/incidents/{id}/reopen": { policy: closurePolicy, action: "reopen" },
  "GET /api/incidents/{id}/reviews": { policy: closurePolicy, action: "read" },
  "POST /api/incidents/{id}/attachments": { policy: incidentPolicy, action: "attach", note: OWN_ONLY },
  "GET /api/incidents/{id}/attachments": { policy: incidentPolicy, action: "read" },
  "GET /api/incidents/{id}/attachments/{attachmentId}": { policy: incidentPolicy, action: "read" },
  "GET /api/incidents/{id}/attachments/{attachmentId}/thumbnail": { policy: incidentPolicy, action: "read" },
  "POST /api/notifications/{id}/ack": { policy: notificationPolicy, action: "acknowledge", note: OWN_ONLY },
  "POST /api/notifications/{id}/delivered": { policy: notificationPolicy, action: "read", note: OWN_ONLY },
  "GET /api/disputes/{id}": { policy: disputePolicy, action: "read", note: OWN_ONLY },
  "PATCH /api/disputes/{id}": { policy: disputePolicy, action: "update", note: OWN_ONLY },
  "GET /api/disputes/{id}/timeline": { policy: disputePolicy, action: "read" },
  "POST /api/disputes/{id}/accept": { policy: disputePolicy, action: "accept" },
  "POST /api/disputes/{id}/refuse": { policy: disputePolicy, action: "refuse" },
  "POST /api/disputes/{id}/extend": { policy: disputePolicy, action: "extend" },
  "GET /api/disputes/{id}/mediator-candidates": { policy: disputePolicy, action: "assignMediators", note: "assignMediators or accept: the same roles" },
  "PUT /api/disputes/{id}/mediators": { policy: disputePolicy, action: "assignMediators" },
  "GET /api/disputes/{id}/refusal.docx": { policy: disputePolicy, action: "read" },
  "POST /api/disputes/{id}/sessions": { policy: disputePolicy, action: "recordSession" },
  "POST /api/disputes/{id}/outcome": { policy: disputePolicy, action: "conclude" },
  "GET /api/disputes/{id}/agreement.docx": { policy: disputePolicy, action: "read" },
  "POST /api/disputes/{id}/follow-ups": { policy: disputePolicy, action: "recordFollowUp" },
  "POST /api/disputes/{id}/referral": { policy: disputePolicy, action: "refer" },
  "POST /api/disputes/{id}/referral/result": { policy: disputePolicy, action: "recordReferralResult" },
  "POST /api/disputes/{id}/move-up": { policy: disputePolicy, action: "moveUp", remake: true },
  "POST /api/disputes/{id}/attachments": { policy: disputePolicy, action: "attach" },
  "GET /api/disputes/{id}/attachments": { policy: disputePolicy, action: "read" },
  "GET /api/disputes/{id}/attachments/{attachmentId}": { policy: disputePolicy, action: "read" },
  "GET /api/disputes/{id}/attachments/{attachmentId}/thumbnail": { policy: disputePolicy, action: "read" },
};

/**
 * Where each id route's record is: its table, whose `org_id` is the org the policy is checked on
 * (an org is its own), and the column naming its owner, for the policies' own scope.
 */
export const RECORD_TABLES: Record<string, { table: string; owner?: string } | null> = {
  "/api/orgs/{id}": null,
  "/api/accounts/{id}": { table: "accounts", owner: "id" },
  "/api/groups/{id}": { table: "groups" },
  "/api/plans/{id}": { table: "plans" },
  "/api/drills/{id}": { table: "drills" },
  "/api/shifts/{id}": { table: "shifts" },
  "/api/handovers/{id}": { table: "handovers" },
  "/api/protection-periods/{id}": { table: "protection_periods" },
  "/api/calendar-feeds/{id}": { table: "calendar_feeds" },
  "/api/incidents/{id}": { table: "incidents", owner: "reported_by" },
  "/api/notifications/{id}": { table: "notifications", owner: "recipient_id" },
  "/api/disputes/{id}": { table: "disputes", owner: "registered_by" },
};
