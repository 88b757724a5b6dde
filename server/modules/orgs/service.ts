import type { CreateOrgInput, UpdateOrgInput } from "@shared/orgs/schemas.ts";
import { writeAudit } from "../../audit/writer.ts";
import type { Db } from "../../db/client.ts";
import type { ActionArgs as Action } from "../../http/action.ts";
import { conflict, notFound, staleVersion } from "../../http/errors.ts";
import type { Actor } from "../../policy/actor.ts";
import { requireAccess } from "../../policy/authorize.ts";
import { orgPolicy } from "./policy.ts";
import * as q from "./queries.ts";

async function loadOrg(tx: Db, actor: Actor, id: string, action: keyof typeof orgPolicy) {
  const row = await q.findOrg(tx, id);
  if (!row) throw notFound();
  requireAccess(actor, orgPolicy, action, { orgPath: row.path });
  return row;
}

async function saveAt(tx: Db, id: string, version: number, changes: Parameters<typeof q.updateOrgAt>[3]) {
  const row = await q.updateOrgAt(tx, id, version, changes);
  if (!row) throw staleVersion();
  return row;
}

export const getOrg = ({ actor, input, tx }: Action<{ id: string }>) => loadOrg(tx, actor, input.id, "read");

export async function createOrg({ actor, input, tx, clock }: Action<CreateOrgInput>) {
  const parent = await loadOrg(tx, actor, input.parentId, "createChild");
  if (!parent.active) throw conflict("org.parentInactive");
  const now = clock.now();
  const row = await q.insertOrg(tx, {
    parentId: parent.id,
    parentPath: parent.path,
    name: input.name,
    kind: input.kind,
    divisionCode: input.divisionCode ?? null,
    phone: input.phone ?? null,
    address: input.address ?? null,
    createdAt: now,
    updatedAt: now,
  });
  await writeAudit(tx, { actor, clock }, { action: "org.create", orgId: row.id, recordType: "org", recordId: row.id, detail: { name: row.name, kind: row.kind } });
  return row;
}

export async function updateOrg({ actor, input, tx, clock }: Action<UpdateOrgInput & { id: string }>) {
  const before = await loadOrg(tx, actor, input.id, "update");
  const { id, version, ...changes } = input;
  const row = await saveAt(tx, id, version, { ...changes, updatedAt: clock.now() });
  const changed = Object.fromEntries(
    Object.entries(changes).filter(([key, value]) => value !== undefined && before[key as keyof typeof before] !== value),
  );
  await writeAudit(tx, { actor, clock }, { action: "org.update", orgId: row.id, recordType: "org", recordId: row.id, detail: changed });
  return row;
}

export async function moveOrg({ actor, input, tx, clock }: Action<{ id: string; version: number; parentId: string }>) {
  const org = await loadOrg(tx, actor, input.id, "move");
  const parent = await loadOrg(tx, actor, input.parentId, "createChild");
  if (parent.path.startsWith(org.path)) throw conflict("org.parentIsDescendant");
  if (!parent.active) throw conflict("org.parentInactive");
  const newPath = `${parent.path}${org.id}/`;
  const row = await saveAt(tx, org.id, input.version, { parentId: parent.id, updatedAt: clock.now() });
  await q.rewriteSubtreePaths(tx, org.path, newPath);
  await writeAudit(tx, { actor, clock }, {
    action: "org.move",
    orgId: org.id,
    recordType: "org",
    recordId: org.id,
    detail: { fromParentId: org.parentId, toParentId: parent.id },
  });
  return { ...row, path: newPath };
}

export async function deactivateOrg({ actor, input, tx, clock }: Action<{ id: string; version: number }>) {
  const org = await loadOrg(tx, actor, input.id, "deactivate");
  if (!org.active) throw conflict("org.alreadyInactive");
  const children = await q.countActiveChildren(tx, org.id);
  if (children > 0) throw conflict("org.hasActiveChildren", { count: children });
  const members = await q.countActiveAccounts(tx, org.id);
  if (members > 0) throw conflict("org.hasActiveAccounts", { count: members });
  const row = await saveAt(tx, org.id, input.version, { active: false, updatedAt: clock.now() });
  await writeAudit(tx, { actor, clock }, { action: "org.deactivate", orgId: org.id, recordType: "org", recordId: org.id });
  return row;
}

export async function reactivateOrg({ actor, input, tx, clock }: Action<{ id: string; version: number }>) {
  const org = await loadOrg(tx, actor, input.id, "reactivate");
  if (org.active) throw conflict("org.alreadyActive");
  const parent = org.parentId ? await q.findOrg(tx, org.parentId) : undefined;
  if (parent && !parent.active) throw conflict("org.parentInactive");
  const row = await saveAt(tx, org.id, input.version, { active: true, updatedAt: clock.now() });
  await writeAudit(tx, { actor, clock }, { action: "org.reactivate", orgId: org.id, recordType: "org", recordId: org.id });
  return row;
}
