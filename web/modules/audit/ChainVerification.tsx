import { Alert } from "antd";
import type { AuditChainBreak, AuditVerification } from "@shared/audit/schemas.ts";
import { useI18n } from "../../app/i18n/i18n.tsx";
import type { MessageKey } from "../../app/i18n/zh.ts";

const REASONS: Record<AuditChainBreak, MessageKey> = {
  "row missing": "chainRowMissing",
  "link to previous row broken": "chainLinkBroken",
  "row content changed": "chainContentChanged",
  "anchor changed": "chainAnchorChanged",
  "anchor not recorded in the log": "chainAnchorUnrecorded",
};

/** The result of one verification: intact with its count, or where it broke, and the anchor it started from. */
export function ChainVerification({ result }: { result: AuditVerification }) {
  const { t, lang } = useI18n();
  const reason = result.reason ? t(REASONS[result.reason]) : "";
  const { anchor } = result;
  const title = result.ok
    ? t("chainOk", { count: result.checked })
    : result.firstBrokenSeq === null && anchor
      ? t("chainAnchorBroken", { id: anchor.id, reason })
      : t("chainBroken", { seq: result.firstBrokenSeq ?? "?", reason });
  const from = anchor
    ? t("chainFromAnchor", {
        id: anchor.id,
        seq: anchor.throughSeq,
        rows: anchor.rowsPruned,
        at: new Date(anchor.at).toLocaleString(lang === "zh" ? "zh-CN" : "en-GB"),
        hash: anchor.throughHash.slice(0, 16),
      })
    : t("chainFromStart");
  return <Alert style={{ marginBottom: 12 }} showIcon type={result.ok ? "success" : "error"} data-testid="audit-verification" title={title} description={from} />;
}
