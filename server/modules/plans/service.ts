import { type CreatePlanInput, EMERGENCY_CATEGORY_LABELS, type EmergencyCategory, type PlanContent, type PlanStatus, SEVERITY_LEVELS, type UpdatePlanInput } from "@shared/plans/schemas.ts";
import { suggestLevel } from "@shared/plans/suggest-level.ts";
import { writeAudit } from "../../audit/writer.ts";
import type { Db } from "../../db/client.ts";
import type { ActionArgs as Action } from "../../http/action.ts";
import { AppError, conflict, forbidden, invalidField, notFound, staleVersion } from "../../http/errors.ts";
import type { Actor } from "../../policy/actor.ts";
import { authorize, requireAccess } from "../../policy/authorize.ts";
import { findGroupsOfOrg, findMembers } from "../groups/queries.ts";
import { orgPolicy } from "../orgs/policy.ts";
import { findOrg } from "../orgs/queries.ts";
import { renderPlanDocument } from "./plan-document.ts";
import { planPolicy } from "./policy.ts";
import * as q from "./queries.ts";

async function loadPlan(tx: Db, actor: Actor, id: string, action: keyof typeof planPolicy) {
  const found = await q.findPlan(tx, id);
  if (!found) throw notFound();
  requireAccess(actor, planPolicy, action, { orgPath: found.org.path });
  return found;
}

/** A plan is written for an org: a missing org and one out of reach answer alike (404). */
async function loadTargetOrg(tx: Db, actor: Actor, orgId: string) {
  const org = await findOrg(tx, orgId);
  if (!org || !authorize(actor, orgPolicy, "read", { orgPath: org.path })) throw notFound();
  if (!authorize(actor, planPolicy, "create", { orgPath: org.path })) throw forbidden();
  if (!org.active) throw invalidField("orgId", "org.inactive");
  return org;
}

/** Every place the document names a group, with the field path a form would mark. */
function groupReferences(content: PlanContent): { path: string; groupId: string }[] {
  const refs = content.groupIds.map((groupId, i) => ({ path: `groupIds.${i}`, groupId }));
  for (const level of SEVERITY_LEVELS) {
    const at = `levels.${level}.response`;
    const response = content.levels[level].response;
    response.notify.groupIds.forEach((groupId, i) => refs.push({ path: `${at}.notify.groupIds.${i}`, groupId }));
    response.escalation.forEach((step, s) => step.notify.groupIds.forEach((groupId, i) => refs.push({ path: `${at}.escalation.${s}.notify.groupIds.${i}`, groupId })));
    response.tasks.forEach((task, t) => refs.push({ path: `${at}.tasks.${t}.groupId`, groupId: task.groupId }));
  }
  return refs;
}

/** The groups a plan names must be groups of the plan's own org. */
async function checkGroupReferences(tx: Db, orgId: string, content: PlanContent) {
  const refs = groupReferences(content);
  const known = new Set((await findGroupsOfOrg(tx, orgId, [...new Set(refs.map((ref) => ref.groupId))])).map((group) => group.id));
  const fields = refs.filter((ref) => !known.has(ref.groupId)).map((ref) => ({ field: `content.${ref.path}`, message: "plan.unknownGroup" as const }));
  if (fields.length > 0) throw new AppError(400, "validation", { fields });
}

async function touch(tx: Db, id: string, version: number, at: Date) {
  const plan = await q.touchPlanAt(tx, id, version, at);
  if (!plan) throw staleVersion();
  return plan;
}

/** The plan as the API shows it: with its org and every version, newest first. */
async function view(tx: Db, found: q.PlanWithOrg) {
  return { ...found, versions: await q.findVersions(tx, found.plan.id) };
}
export type PlanView = Awaited<ReturnType<typeof view>>;

const categoriesOf = (content: PlanContent) => content.categories.map((c) => c.category);

export async function getPlan({ actor, input, tx }: Action<{ id: string }>) {
  return view(tx, await loadPlan(tx, actor, input.id, "read"));
}

export async function createPlan({ actor, input, tx, clock }: Action<CreatePlanInput>) {
  const org = await loadTargetOrg(tx, actor, input.orgId);
  await checkGroupReferences(tx, org.id, input.content);
  const now = clock.now();
  const plan = await q.insertPlan(tx, { orgId: org.id, createdAt: now, updatedAt: now });
  await q.insertVersion(tx, {
    planId: plan.id,
    versionNo: 1,
    status: "draft",
    title: input.title,
    categories: categoriesOf(input.content),
    content: input.content,
    createdBy: actor.accountId,
    createdAt: now,
    updatedAt: now,
  });
  await writeAudit(tx, { actor, clock }, { action: "plan.create", orgId: org.id, recordType: "plan", recordId: plan.id, detail: { title: input.title, versionNo: 1 } });
  return view(tx, { plan, org });
}

/**
 * Edits the plan's draft. A plan in force is never edited in place: without a draft, the
 * edit starts a new draft version, a copy of the version in force (or of the newest one)
 * with the changes applied.
 */
export async function updatePlan({ actor, input, tx, clock }: Action<UpdatePlanInput & { id: string }>) {
  const found = await loadPlan(tx, actor, input.id, "update");
  if (input.content) await checkGroupReferences(tx, found.org.id, input.content);
  const now = clock.now();
  const plan = await touch(tx, found.plan.id, input.version, now);
  const versions = await q.findVersions(tx, plan.id);
  const draft = versions.find((v) => v.status === "draft");
  const changes = {
    ...(input.title ? { title: input.title } : {}),
    ...(input.content ? { content: input.content, categories: categoriesOf(input.content) } : {}),
    updatedAt: now,
  };
  const base = versions.find((v) => v.status === "active") ?? versions[0]!;
  const saved = draft
    ? await q.updateVersion(tx, draft.id, changes)
    : await q.insertVersion(tx, {
        planId: plan.id,
        versionNo: versions[0]!.versionNo + 1,
        status: "draft",
        title: base.title,
        categories: base.categories,
        content: base.content,
        createdBy: actor.accountId,
        createdAt: now,
        ...changes,
      });
  await writeAudit(tx, { actor, clock }, {
    action: "plan.update",
    orgId: found.org.id,
    recordType: "plan",
    recordId: plan.id,
    detail: { versionNo: saved.versionNo, newDraft: !draft, changed: Object.keys(changes).filter((key) => key === "title" || key === "content") },
  });
  return view(tx, { plan, org: found.org });
}

/** Puts the draft in force and retires the version it replaces; one active plan per org and category. */
export async function publishPlan({ actor, input, tx, clock }: Action<{ id: string; version: number }>) {
  const found = await loadPlan(tx, actor, input.id, "publish");
  await q.lockPublicationsOf(tx, found.org.id);
  const now = clock.now();
  const plan = await touch(tx, found.plan.id, input.version, now);
  const versions = await q.findVersions(tx, plan.id);
  const draft = versions.find((v) => v.status === "draft");
  if (!draft) throw conflict("plan.noDraft");
  const overlaps = await q.findActiveOverlaps(tx, found.org.id, plan.id, draft.categories);
  if (overlaps.length > 0) {
    const taken = new Set(overlaps.flatMap((other) => other.categories));
    const category = draft.categories.find((c) => taken.has(c)) as EmergencyCategory;
    const labels = EMERGENCY_CATEGORY_LABELS[category];
    throw new AppError(409, "plan.categoryTaken", {
      params: { categoryZh: labels.zh, categoryEn: labels.en, title: overlaps.find((other) => other.categories.includes(category))!.title },
      fields: draft.content.categories.flatMap((c, i) => (taken.has(c.category) ? [{ field: `content.categories.${i}.category`, message: "plan.categoryTakenField" }] : [])),
    });
  }
  const active = versions.find((v) => v.status === "active");
  if (active) await q.updateVersion(tx, active.id, { status: "retired", retiredAt: now, updatedAt: now });
  await q.updateVersion(tx, draft.id, { status: "active", publishedAt: now, publishedBy: actor.accountId, updatedAt: now });
  await writeAudit(tx, { actor, clock }, {
    action: "plan.publish",
    orgId: found.org.id,
    recordType: "plan",
    recordId: plan.id,
    detail: { versionNo: draft.versionNo, retiredVersionNo: active?.versionNo ?? null },
  });
  return view(tx, { plan, org: found.org });
}

/** Takes the plan out of force; its versions stay readable, and a new draft may follow. */
export async function retirePlan({ actor, input, tx, clock }: Action<{ id: string; version: number }>) {
  const found = await loadPlan(tx, actor, input.id, "retire");
  const now = clock.now();
  const plan = await touch(tx, found.plan.id, input.version, now);
  const active = (await q.findVersions(tx, plan.id)).find((v) => v.status === "active");
  if (!active) throw conflict("plan.notActive");
  await q.updateVersion(tx, active.id, { status: "retired", retiredAt: now, updatedAt: now });
  await writeAudit(tx, { actor, clock }, { action: "plan.retire", orgId: found.org.id, recordType: "plan", recordId: plan.id, detail: { versionNo: active.versionNo } });
  return view(tx, { plan, org: found.org });
}

async function activeVersionOf(tx: Db, planId: string) {
  const active = (await q.findVersions(tx, planId)).find((v) => v.status === "active");
  if (!active) throw conflict("plan.noActiveVersion");
  return active;
}

/** The level the active version suggests for an event, and the version that said so. */
export async function suggestPlanLevel({ actor, input, tx }: Action<{ id: string; people: number; deaths: number; injuries: number; loss: number }>) {
  const found = await loadPlan(tx, actor, input.id, "read");
  const active = await activeVersionOf(tx, found.plan.id);
  const suggestion = suggestLevel(active.content, { peopleInvolved: input.people, deaths: input.deaths, injuries: input.injuries, economicLoss: input.loss });
  return { planId: found.plan.id, planVersionId: active.id, versionNo: active.versionNo, level: suggestion?.level ?? null, met: suggestion?.met ?? [] };
}

/** The active version (or the one asked for) as a Word document in the official layout. */
export async function exportPlan({ actor, input, tx }: Action<{ id: string; versionId?: string | undefined }>) {
  const found = await loadPlan(tx, actor, input.id, "read");
  const version = input.versionId
    ? (await q.findVersions(tx, found.plan.id)).find((v) => v.id === input.versionId)
    : await activeVersionOf(tx, found.plan.id);
  if (!version) throw invalidField("versionId", "plan.unknownVersion");
  const referenced = await findGroupsOfOrg(tx, found.org.id, [...new Set(groupReferences(version.content).map((ref) => ref.groupId))]);
  const members = await findMembers(tx, version.content.groupIds, { history: false });
  const byId = new Map(referenced.map((group) => [group.id, group]));
  const document = await renderPlanDocument({
    orgName: found.org.name,
    title: version.title,
    status: version.status as PlanStatus,
    content: version.content,
    date: version.publishedAt ?? version.updatedAt,
    groupNames: new Map(referenced.map((group) => [group.id, group.name])),
    groups: version.content.groupIds.flatMap((id) => {
      const group = byId.get(id);
      if (!group) return [];
      const own = members.filter((m) => m.membership.groupId === id);
      return [{ id, name: group.name, duties: group.duties, members: own.map((m) => ({ displayName: m.displayName, position: m.membership.position })) }];
    }),
  });
  return { document, title: version.title, versionNo: version.versionNo };
}
