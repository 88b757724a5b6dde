import { Timeline, Typography } from "antd";
import { chinaDateTime } from "../modules/duty/shift-text.ts";
import { useI18n } from "./i18n/i18n.tsx";

/** One entry of a case's timeline as the API gives it (`timelineEntry` in shared/common.ts). */
export interface CaseTimelineEntry<Detail extends { kind: string }> {
  seq: number;
  at: string;
  actor: { id: string | null; name: string } | null;
  detail: Detail;
}

/**
 * The entries of a case's timeline (an incident's, a dispute's), oldest first as the record is
 * read, each with when and who; the module says each entry in a sentence and picks its colour.
 */
export function CaseTimeline<Detail extends { kind: string }>({ entries, text, colors }: { entries: CaseTimelineEntry<Detail>[]; text(detail: Detail): string; colors: Partial<Record<Detail["kind"], string>> }) {
  const { t } = useI18n();
  return (
    <Timeline
      items={entries.map((entry) => ({
        key: entry.seq,
        color: colors[entry.detail.kind as Detail["kind"]] ?? "blue",
        content: (
          <div data-testid="timeline-entry">
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {chinaDateTime(entry.at)} · {entry.actor?.name ?? t("system")}
            </Typography.Text>
            <div style={{ whiteSpace: "pre-wrap" }}>{text(entry.detail)}</div>
          </div>
        ),
      }))}
    />
  );
}
