// Reading and keeping the deployment's list of dispute types.
import type { SaveDisputeTypesInput } from "@shared/disputes/type-schemas.ts";
import { writeAudit } from "../../audit/writer.ts";
import type { ActionArgs as Action } from "../../http/action.ts";
import { AppError, type FieldError, forbidden } from "../../http/errors.ts";
import { authorize } from "../../policy/authorize.ts";
import { disputeTypePolicy, typeListGuard } from "./type-policy.ts";
import { findDisputeTypes, saveDisputeTypes } from "./type-queries.ts";

export async function listDisputeTypes({ actor, tx }: Action<Record<string, never>>) {
  const rows = await findDisputeTypes(tx);
  return { rows, canManage: authorize(actor, disputeTypePolicy, "manage", typeListGuard(actor)) };
}

/**
 * Replaces the list with the one given, in its order. A key already listed cannot be left out
 * — disputes are recorded under it — only retired; a key appears once; something must stay
 * active for new registrations.
 */
export async function saveDisputeTypeList({ actor, input, tx, clock }: Action<SaveDisputeTypesInput>) {
  if (!authorize(actor, disputeTypePolicy, "manage", typeListGuard(actor))) throw forbidden();
  const current = await findDisputeTypes(tx);
  const errors: FieldError[] = [];
  const seen = new Set<string>();
  input.items.forEach((item, i) => {
    if (seen.has(item.key)) errors.push({ field: `items.${i}.key`, message: "disputeType.keyTwice" });
    seen.add(item.key);
  });
  const dropped = current.filter((row) => !seen.has(row.key));
  if (dropped.length > 0) errors.push({ field: "items", message: "disputeType.keyDropped" });
  if (!input.items.some((item) => item.active)) errors.push({ field: "items", message: "disputeType.noneActive" });
  if (errors.length > 0) throw new AppError(400, "validation", { fields: errors, params: { keys: dropped.map((row) => row.key).join(", ") } });

  await saveDisputeTypes(
    tx,
    input.items.map((item, i) => ({ key: item.key, nameZh: item.zh, nameEn: item.en, active: item.active, position: i + 1 })),
  );
  const before = new Map(current.map((row) => [row.key, row]));
  await writeAudit(tx, { actor, clock }, {
    action: "disputeType.save",
    orgId: actor.orgId,
    recordType: "dispute_types",
    detail: {
      added: input.items.filter((item) => !before.has(item.key)).map((item) => item.key),
      retired: input.items.filter((item) => !item.active && before.get(item.key)?.active).map((item) => item.key),
    },
  });
  return { rows: await findDisputeTypes(tx), canManage: true };
}
