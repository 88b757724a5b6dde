import { z } from "zod";
import { IdParams, Page, Phone, Version, listOf, optionalText, requiredText } from "../common.ts";
import { NAME_MAX, SEARCH_MAX } from "../limits.ts";

export const ORG_KINDS = ["county", "township", "street", "village", "community", "school", "enterprise", "project", "unit"] as const;
export const OrgKind = z.enum(ORG_KINDS);
export type OrgKind = z.infer<typeof OrgKind>;

export const ORG_KIND_LABELS: Record<OrgKind, { zh: string; en: string }> = {
  county: { zh: "县（区）", en: "County" },
  township: { zh: "乡镇", en: "Township" },
  street: { zh: "街道", en: "Street" },
  village: { zh: "村", en: "Village" },
  community: { zh: "社区", en: "Community" },
  school: { zh: "学校", en: "School" },
  enterprise: { zh: "企业", en: "Enterprise" },
  project: { zh: "项目", en: "Project" },
  unit: { zh: "单位", en: "Unit" },
};

export const OrgAction = z.enum(["update", "move", "deactivate", "reactivate", "createChild"]);
export type OrgAction = z.infer<typeof OrgAction>;

export const Org = z.object({
  id: z.uuid(),
  parentId: z.uuid().nullable(),
  name: z.string(),
  kind: OrgKind,
  divisionCode: z.string().nullable(),
  phone: z.string().nullable(),
  address: z.string().nullable(),
  active: z.boolean(),
  depth: z.number().int(),
  version: z.number().int(),
  updatedAt: z.string(),
  actions: z.array(OrgAction),
});
export type Org = z.infer<typeof Org>;
export const OrgList = listOf(Org);

const DivisionCode = z.string().trim().regex(/^\d{6,12}$/, { message: "divisionCode.invalid" });

export const CreateOrgInput = z.object({
  parentId: z.uuid(),
  name: requiredText(NAME_MAX),
  kind: OrgKind,
  divisionCode: DivisionCode.nullable().optional(),
  phone: Phone.nullable().optional(),
  address: optionalText(200),
});
export type CreateOrgInput = z.infer<typeof CreateOrgInput>;

export const UpdateOrgInput = z.object({
  version: Version,
  name: requiredText(NAME_MAX).optional(),
  kind: OrgKind.optional(),
  divisionCode: DivisionCode.nullable().optional(),
  phone: Phone.nullable().optional(),
  address: optionalText(200),
});
export type UpdateOrgInput = z.infer<typeof UpdateOrgInput>;

export const MoveOrgInput = z.object({ version: Version, parentId: z.uuid() });
export const VersionInput = z.object({ version: Version });

export const OrgListQuery = Page.extend({
  q: z.string().trim().max(SEARCH_MAX).optional(),
  includeInactive: z.enum(["true", "false"]).optional(),
});
export { IdParams };
