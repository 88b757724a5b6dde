// The deployment's list of dispute types, kept by its administrators.
import { z } from "zod";
import { requiredText } from "../common.ts";
import { NAME_MAX } from "../limits.ts";

export const DISPUTE_TYPES_MAX = 100;

/** A type as a dispute stores it (`key`, fixed once listed) and as people read it. Retired types stay listed, inactive. */
export const DisputeTypeItem = z.object({
  key: z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, { message: "disputeType.keyFormat" }),
  zh: requiredText(NAME_MAX),
  en: requiredText(NAME_MAX),
  active: z.boolean(),
});
export type DisputeTypeItem = z.infer<typeof DisputeTypeItem>;

export const DisputeTypeList = z.object({
  /** In the order forms offer them. */
  items: z.array(DisputeTypeItem),
  /** Whether the caller keeps the list (an administrator of a top-level org). */
  canManage: z.boolean(),
});
export type DisputeTypeList = z.infer<typeof DisputeTypeList>;

/** The whole list, in order: every key already listed must stay (retire it with `active: false`), new keys are added. */
export const SaveDisputeTypesInput = z.object({ items: z.array(DisputeTypeItem).min(1).max(DISPUTE_TYPES_MAX) });
export type SaveDisputeTypesInput = z.infer<typeof SaveDisputeTypesInput>;
