// The deployment's dispute types as the rest of the module uses them: which keys a new or
// changed record may take, and the name of a stored key in either language.
import type { Db } from "../../db/client.ts";
import { findDisputeTypes } from "./type-queries.ts";

export interface DisputeTypes {
  /** Keys a registration or a change of type may take now. */
  active: ReadonlySet<string>;
  /** Every key ever listed, with its names; a record's key is always among them. */
  labels: ReadonlyMap<string, { zh: string; en: string }>;
}

export async function loadDisputeTypes(db: Db): Promise<DisputeTypes> {
  const rows = await findDisputeTypes(db);
  return {
    active: new Set(rows.filter((row) => row.active).map((row) => row.key)),
    labels: new Map(rows.map((row) => [row.key, { zh: row.nameZh, en: row.nameEn }])),
  };
}

/** The Chinese name of a type, as notifications and ledgers write it. */
export const typeNameZh = (types: DisputeTypes, key: string) => types.labels.get(key)?.zh ?? key;
