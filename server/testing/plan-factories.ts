// Factories for groups, plans and drills, with defaults a test overrides where it matters.
import type { GroupKind, MemberPosition } from "@shared/groups/schemas.ts";
import { type EmergencyCategory, PlanContent, type PlanContentInput } from "@shared/plans/schemas.ts";
import type { Db } from "../db/client.ts";
import { insertGroup, insertMemberships } from "../modules/groups/queries.ts";
import type { OrgRow } from "../modules/orgs/queries.ts";
import { insertDrill, insertPlan, insertVersion } from "../modules/plans/queries.ts";

let serial = 0;
const next = () => ++serial;

/** A level's part of a plan: its thresholds and a one-step escalation to the duty officer. */
export const sampleLevel = (thresholds: PlanContentInput["levels"]["I"]["thresholds"] = {}) => ({
  thresholds,
  response: {
    notify: { roles: ["duty" as const] },
    escalation: [{ notify: { roles: ["duty" as const] }, ackWithinMinutes: 10 }],
  },
});

/**
 * A valid plan document that names no group (so it is valid in any org), with thresholds as
 * township plans set them: general 10, large 20, major 50 people or 3 deaths, especially
 * major 100 people or 10 deaths.
 */
export function samplePlanContent(overrides: Partial<PlanContentInput> = {}): PlanContentInput {
  return {
    purpose: "规范突发事件应对工作。",
    scope: "本镇行政区域。",
    categories: [{ category: "accident_disaster" }],
    levels: {
      I: sampleLevel({ minPeopleInvolved: 100, minDeaths: 10 }),
      II: sampleLevel({ minPeopleInvolved: 50, minDeaths: 3 }),
      III: sampleLevel({ minPeopleInvolved: 20 }),
      IV: sampleLevel({ minPeopleInvolved: 10 }),
    },
    ...overrides,
  };
}

export async function makeGroup(
  db: Db,
  org: OrgRow,
  overrides: { kind?: GroupKind; name?: string; duties?: string; parentId?: string; members?: { accountId: string; position: MemberPosition }[] } = {},
) {
  const group = await insertGroup(db, {
    orgId: org.id,
    kind: overrides.kind ?? "working",
    name: overrides.name ?? `测试工作组${next()}`,
    duties: overrides.duties ?? "负责测试。",
    parentId: overrides.parentId ?? null,
  });
  await insertMemberships(db, (overrides.members ?? []).map((m) => ({ groupId: group.id, accountId: m.accountId, position: m.position, joinedAt: new Date() })));
  return group;
}

/** A plan with one version, active unless asked for a draft. */
export async function makePlan(
  db: Db,
  org: OrgRow,
  overrides: { status?: "draft" | "active"; title?: string; categories?: EmergencyCategory[]; content?: PlanContentInput } = {},
) {
  const content = PlanContent.parse(
    overrides.content ?? samplePlanContent(overrides.categories ? { categories: overrides.categories.map((category) => ({ category })) } : {}),
  );
  const now = new Date();
  const plan = await insertPlan(db, { orgId: org.id });
  const status = overrides.status ?? "active";
  const version = await insertVersion(db, {
    planId: plan.id,
    versionNo: 1,
    status,
    title: overrides.title ?? `测试预案${next()}`,
    categories: content.categories.map((c) => c.category),
    content,
    createdAt: now,
    updatedAt: now,
    publishedAt: status === "active" ? now : null,
  });
  return { plan, version };
}

export async function makeDrill(db: Db, org: OrgRow) {
  const { plan, version } = await makePlan(db, org);
  return insertDrill(db, {
    orgId: org.id,
    planId: plan.id,
    planVersionId: version.id,
    heldOn: "2026-03-01",
    scenario: "演练情景",
    createdAt: new Date(),
  });
}
