import { z } from "zod";

export const ROLES = ["admin", "leader", "officer", "duty", "mediator", "inspector", "reporter", "auditor"] as const;
export const Role = z.enum(ROLES);
export type Role = z.infer<typeof Role>;

export const ROLE_LABELS: Record<Role, { zh: string; en: string }> = {
  admin: { zh: "系统管理员", en: "Administrator" },
  leader: { zh: "领导", en: "Leader" },
  officer: { zh: "综治/应急干部", en: "Officer" },
  duty: { zh: "值班员", en: "Duty officer" },
  mediator: { zh: "调解员", en: "Mediator" },
  inspector: { zh: "检查员", en: "Inspector" },
  reporter: { zh: "信息员/网格员", en: "Reporter" },
  auditor: { zh: "审计员", en: "Auditor" },
};
