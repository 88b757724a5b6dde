import { Card, Descriptions, Space, Tag, Typography } from "antd";
import { PERFORMANCE_LABELS, type DisputeFollowUp, type Performance } from "@shared/disputes/mediation-schemas.ts";
import { useI18n } from "../../app/i18n/i18n.tsx";
import { chinaDateTime } from "../duty/shift-text.ts";

const PERFORMANCE_COLORS: Record<Performance, string> = { fully: "green", partly: "orange", not: "red" };

/** 回访: when each visit was due, and what it found of the agreement's performance. */
export function FollowUpsCard({ followUps }: { followUps: DisputeFollowUp[] }) {
  const { t, label } = useI18n();
  return (
    <Card size="small" title={t("followUps")} data-testid="follow-ups">
      <Space orientation="vertical" style={{ width: "100%" }}>
        {[...followUps].reverse().map((f) => (
          <Descriptions key={f.id} size="small" bordered column={1} data-testid="follow-up-entry">
            <Descriptions.Item label={t("followUpDueAt")}>{chinaDateTime(f.dueAt)}</Descriptions.Item>
            {f.visitedAt ? (
              <>
                <Descriptions.Item label={t("visitedAt")}>
                  {chinaDateTime(f.visitedAt)}
                  {f.recordedBy && <Typography.Text type="secondary">（{f.recordedBy.displayName}）</Typography.Text>}
                </Descriptions.Item>
                {f.performance && (
                  <Descriptions.Item label={t("performance")}>
                    <Tag color={PERFORMANCE_COLORS[f.performance]} data-testid="follow-up-performance-tag">
                      {label(PERFORMANCE_LABELS[f.performance])}
                    </Tag>
                  </Descriptions.Item>
                )}
                <Descriptions.Item label={t("followUpNotes")}>
                  <span style={{ whiteSpace: "pre-wrap" }}>{f.notes}</span>
                </Descriptions.Item>
              </>
            ) : (
              <Descriptions.Item label={t("visitedAt")}>
                <Typography.Text type="secondary">{t("notVisitedYet")}</Typography.Text>
              </Descriptions.Item>
            )}
          </Descriptions>
        ))}
      </Space>
    </Card>
  );
}
