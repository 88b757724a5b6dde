import type { CreateDrillInput } from "@shared/plans/schemas.ts";
import { writeAudit } from "../../audit/writer.ts";
import type { Db } from "../../db/client.ts";
import type { ActionArgs as Action } from "../../http/action.ts";
import { AppError, forbidden, notFound } from "../../http/errors.ts";
import { authorize, requireAccess } from "../../policy/authorize.ts";
import { findAccountNames, findActiveAccountsWithin } from "../accounts/queries.ts";
import { drillPolicy, planPolicy } from "./policy.ts";
import * as q from "./queries.ts";

async function withParticipants(tx: Db, found: q.DrillWithPlan) {
  return { ...found, participants: await findAccountNames(tx, found.drill.participantIds) };
}
export type DrillView = Awaited<ReturnType<typeof withParticipants>>;

export async function getDrill({ actor, input, tx }: Action<{ id: string }>) {
  const found = await q.findDrill(tx, input.id);
  if (!found) throw notFound();
  requireAccess(actor, drillPolicy, "read", { orgPath: found.org.path });
  return withParticipants(tx, found);
}

/** Records a drill of a plan version in the plan's org; the participants named are accounts of that jurisdiction. */
export async function createDrill({ actor, input, tx, clock }: Action<CreateDrillInput>) {
  const target = await q.findVersion(tx, input.planVersionId);
  if (!target || !authorize(actor, planPolicy, "read", { orgPath: target.org.path })) throw notFound();
  if (!authorize(actor, drillPolicy, "create", { orgPath: target.org.path })) throw forbidden();
  const participantIds = [...new Set(input.participantIds)];
  const reachable = new Set((await findActiveAccountsWithin(tx, participantIds, target.org.path)).map((account) => account.id));
  const fields = input.participantIds.flatMap((id, index) => (reachable.has(id) ? [] : [{ field: `participantIds.${index}`, message: "drill.participantOutOfReach" as const }]));
  if (fields.length > 0) throw new AppError(400, "validation", { fields });
  const drill = await q.insertDrill(tx, {
    orgId: target.org.id,
    planId: target.plan.id,
    planVersionId: target.version.id,
    heldOn: input.heldOn,
    scenario: input.scenario,
    participants: input.participants || null,
    participantIds,
    timings: input.timings,
    findings: input.findings || null,
    createdBy: actor.accountId,
    createdAt: clock.now(),
  });
  await writeAudit(tx, { actor, clock }, {
    action: "drill.create",
    orgId: target.org.id,
    recordType: "drill",
    recordId: drill.id,
    detail: { planId: target.plan.id, versionNo: target.version.versionNo, heldOn: input.heldOn },
  });
  return withParticipants(tx, { drill, org: target.org, planTitle: target.version.title, planVersionNo: target.version.versionNo });
}
