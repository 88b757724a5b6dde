import { DownloadOutlined } from "@ant-design/icons";
import { Button, Card, Descriptions, Select, Space, TreeSelect, Typography } from "antd";
import { useState } from "react";
import { periodStartAt, previousPeriodStart } from "@shared/disputes/screening-periods.ts";
import type { ScreeningReportDraft } from "@shared/disputes/screening-schemas.ts";
import { query } from "../../app/api.ts";
import { useI18n } from "../../app/i18n/i18n.tsx";
import { useSignedIn } from "../../app/session.tsx";
import { chinaDateTime } from "../duty/shift-text.ts";
import { toTree, useOrgs } from "../orgs/use-orgs.ts";
import { ScreeningBoardTable } from "./ScreeningBoardTable.tsx";
import { ScreeningFiguresTable } from "./ScreeningFiguresTable.tsx";
import { ScreeningReportForm } from "./ScreeningReportForm.tsx";
import { ScreeningStatusTag } from "./ScreeningStatusTag.tsx";
import { useScreening } from "./use-screening.ts";

/** The periods offered: the current half-month and the eleven before it (half a year). */
const PERIODS_SHOWN = 12;

function recentPeriods(now: Date): string[] {
  const periods = [periodStartAt(now)];
  while (periods.length < PERIODS_SHOWN) periods.push(previousPeriodStart(periods.at(-1)!));
  return periods;
}

/** The org's own report: its figures as the register stands, its state, and the form while it may still be filed. */
function DraftCard({ draft, onFiled }: { draft: ScreeningReportDraft; onFiled(): void }) {
  const { t } = useI18n();
  const report = draft.report;
  return (
    <Card size="small" title={t("screeningOwnReport", { org: draft.orgName })} extra={<ScreeningStatusTag status={draft.status} testId="screening-own-status" />}>
      <Space orientation="vertical" style={{ width: "100%" }}>
        <Descriptions size="small" column={{ xs: 1, sm: 3 }}>
          <Descriptions.Item label={t("screeningPeriod")}>{`${draft.periodStart} ~ ${draft.periodEnd}`}</Descriptions.Item>
          <Descriptions.Item label={t("screeningDueAt")}>{chinaDateTime(draft.dueAt)}</Descriptions.Item>
          {report && <Descriptions.Item label={t("submittedAt")}>{`${report.submittedBy.displayName} · ${chinaDateTime(report.submittedAt)} · ${t("screenings")} ${report.screenings}`}</Descriptions.Item>}
        </Descriptions>
        <Typography.Text type="secondary">{t("screeningDraftHint")}</Typography.Text>
        <ScreeningFiguresTable figures={draft.figures} />
        {draft.actions.includes("file") && <ScreeningReportForm key={`${draft.orgId}-${draft.periodStart}-${report?.id ?? ""}`} orgId={draft.orgId} periodStart={draft.periodStart} filed={report} onFiled={onFiled} />}
      </Space>
    </Card>
  );
}

/** 矛盾纠纷排查报表（半月报）: file the org's own report, and see which orgs below filed on time. */
export function ScreeningReportsPage() {
  const { t } = useI18n();
  const session = useSignedIn();
  const { orgs } = useOrgs();
  const periods = recentPeriods(new Date());
  const [orgId, setOrgId] = useState(session.org.id);
  const [period, setPeriod] = useState(periods[0]!);
  const { draft, board, reload } = useScreening(orgId, period);
  const periodLabel = (start: string) => t(start.endsWith("-01") ? "screeningFirstHalf" : "screeningSecondHalf", { month: start.slice(0, 7) });

  return (
    <Space orientation="vertical" style={{ width: "100%" }}>
      <Card size="small" title={t("menuScreening")}>
        <Space wrap>
          <TreeSelect style={{ width: 240, maxWidth: "100%" }} value={orgId} treeData={toTree(orgs ?? [])} treeDefaultExpandAll showSearch treeNodeFilterProp="title" onChange={(id: string) => setOrgId(id)} data-testid="screening-org" />
          <Select style={{ width: 200 }} value={period} onChange={setPeriod} options={periods.map((start) => ({ value: start, label: periodLabel(start) }))} data-testid="screening-period" />
          <Button icon={<DownloadOutlined />} href={`/api/disputes/screening-reports/export.xlsx${query({ orgId, period })}`} data-testid="screening-export">{t("exportExcel")}</Button>
        </Space>
      </Card>
      {draft && <DraftCard draft={draft} onFiled={() => void reload()} />}
      {board && (
        <Card size="small" title={t("screeningBoard", { org: board.orgName })}>
          <ScreeningBoardTable board={board} />
        </Card>
      )}
    </Space>
  );
}
