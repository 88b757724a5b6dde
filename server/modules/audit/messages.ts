import type { ModuleMessages } from "../../http/message-catalog.ts";

const zh = {
  "audit.exportTooMany": "符合条件的审计记录共 {total} 条，超过一次导出的上限 {max} 条，请缩小时间范围或增加筛选条件",
} as const;

export const auditMessages: ModuleMessages<typeof zh> = {
  zh,
  en: {
    "audit.exportTooMany": "{total} audit rows match, more than the {max} one export takes; narrow the time range or add filters",
  },
};
