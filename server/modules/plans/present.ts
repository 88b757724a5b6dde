import type { Drill, EmergencyCategory, PlanStatus, PlanSummary, Plan, PlanVersion, PlanVersionSummary } from "@shared/plans/schemas.ts";
import { PlanAction } from "@shared/plans/schemas.ts";
import type { Actor } from "../../policy/actor.ts";
import { allowedActions } from "../../policy/authorize.ts";
import type { DrillView } from "./drill-service.ts";
import { planPolicy } from "./policy.ts";
import type { PlanVersionRow, PlanVersionSummaryRow, PlanWithOrg } from "./queries.ts";
import type { PlanView } from "./service.ts";

export function presentVersionSummary(row: PlanVersionSummaryRow): PlanVersionSummary {
  return {
    id: row.id,
    versionNo: row.versionNo,
    status: row.status as PlanStatus,
    title: row.title,
    categories: row.categories as EmergencyCategory[],
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    publishedAt: row.publishedAt?.toISOString() ?? null,
    retiredAt: row.retiredAt?.toISOString() ?? null,
  };
}

const presentVersion = (row: PlanVersionRow): PlanVersion => ({ ...presentVersionSummary(row), content: row.content });

/** A plan as lists show it; `versions` are the plan's versions, newest first. */
export function presentPlanSummary(actor: Actor, { plan, org }: PlanWithOrg, versions: PlanVersionSummaryRow[]): PlanSummary {
  const active = versions.find((v) => v.status === "active");
  const draft = versions.find((v) => v.status === "draft");
  const shown = active ?? versions[0]!;
  const actions = allowedActions(actor, planPolicy, PlanAction.options, { orgPath: org.path }).filter((action) => {
    if (action === "publish") return Boolean(draft);
    if (action === "retire") return Boolean(active);
    return true;
  });
  return {
    id: plan.id,
    orgId: org.id,
    orgName: org.name,
    title: shown.title,
    categories: shown.categories as EmergencyCategory[],
    status: active ? "active" : draft ? "draft" : "retired",
    activeVersion: active ? presentVersionSummary(active) : null,
    draftVersion: draft ? presentVersionSummary(draft) : null,
    version: plan.version,
    updatedAt: plan.updatedAt.toISOString(),
    actions,
  };
}

export function presentPlan(actor: Actor, view: PlanView): Plan {
  return { ...presentPlanSummary(actor, view, view.versions), versions: view.versions.map(presentVersion) };
}

export function presentDrill({ drill, org, planTitle, planVersionNo, participants: names }: DrillView): Drill {
  return {
    id: drill.id,
    orgId: org.id,
    orgName: org.name,
    planId: drill.planId,
    planVersionId: drill.planVersionId,
    planVersionNo,
    planTitle,
    heldOn: drill.heldOn,
    scenario: drill.scenario,
    participants: drill.participants,
    participantAccounts: drill.participantIds.flatMap((id) => {
      const displayName = names.get(id);
      return displayName ? [{ id, displayName }] : [];
    }),
    timings: drill.timings,
    findings: drill.findings,
    createdAt: drill.createdAt.toISOString(),
  };
}
