import type { ActionArgs as Action } from "../../http/action.ts";
import { requireAccess } from "../../policy/authorize.ts";
import { buildCapAlert } from "./cap-alert.ts";
import { reportPolicy } from "./report-policy.ts";
import { guardOf, loadIncident } from "./service.ts";

/** The incident as a CAP 1.2 alert, for the staff who may read its reports upward. */
export async function exportIncidentCap({ actor, input, tx }: Action<{ id: string }>) {
  const found = await loadIncident(tx, actor, input.id, "read");
  requireAccess(actor, reportPolicy, "read", guardOf(found));
  return buildCapAlert({ incident: found.incident, orgName: found.org.name });
}
