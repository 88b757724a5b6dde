import type { ModuleMessages } from "../../http/message-catalog.ts";

const zh = {
  "webhook.secretRequired": "设置回调地址时须同时设置签名密钥（至少16个字符）",
  "live.foreignOrigin": "实时连接须来自本系统的页面",
} as const;

export const notificationMessages: ModuleMessages<typeof zh> = {
  zh,
  en: {
    "webhook.secretRequired": "A webhook URL needs a signing secret of at least 16 characters",
    "live.foreignOrigin": "Live connections must come from this system's own pages",
  },
};
