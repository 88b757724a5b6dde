import { Table } from "antd";
import { SCREENING_COUNTS, SCREENING_COUNT_LABELS, type ScreeningFigures } from "@shared/disputes/screening-schemas.ts";
import { useI18n } from "../../app/i18n/i18n.tsx";
import { useDisputeTypes } from "./use-dispute-types.ts";

/** The period's counts: a totals row, then one row per dispute type that has any. */
export function ScreeningFiguresTable({ figures }: { figures: ScreeningFigures }) {
  const { t, label } = useI18n();
  const { labelOf } = useDisputeTypes();
  const typeLabel = (type: string) => label(labelOf(type));
  const rows = [{ key: "total", name: t("screeningTotal"), ...figures.totals }, ...figures.byType.map((row) => ({ key: row.type, name: typeLabel(row.type), ...row }))];
  return (
    <Table
      size="small"
      pagination={false}
      scroll={{ x: true }}
      dataSource={rows}
      columns={[{ title: t("disputeType"), dataIndex: "name" }, ...SCREENING_COUNTS.map((key) => ({ title: label(SCREENING_COUNT_LABELS[key]), dataIndex: key, align: "right" as const }))]}
      data-testid="screening-figures"
    />
  );
}
