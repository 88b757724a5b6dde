import { OrgAction, type Org, type OrgKind } from "@shared/orgs/schemas.ts";
import type { Actor } from "../../policy/actor.ts";
import { allowedActions } from "../../policy/authorize.ts";
import { orgPolicy } from "./policy.ts";
import type { OrgRow } from "./queries.ts";

export function presentOrg(actor: Actor, row: OrgRow): Org {
  const guarded = { orgPath: row.path };
  const actions = allowedActions(actor, orgPolicy, OrgAction.options, guarded).filter((action) =>
    row.active ? action !== "reactivate" : action === "reactivate",
  );
  return {
    id: row.id,
    parentId: row.parentId,
    name: row.name,
    kind: row.kind as OrgKind,
    divisionCode: row.divisionCode,
    phone: row.phone,
    address: row.address,
    active: row.active,
    depth: row.path.split("/").length - 2,
    version: row.version,
    updatedAt: row.updatedAt.toISOString(),
    actions,
  };
}
