// The parent org's summary of the screening reports as an Excel ledger (排查报表汇总表): one
// row per org with the figures it filed, and a totals row over the filed reports.
import { SCREENING_COUNTS, SCREENING_COUNT_LABELS, SCREENING_REPORT_STATUS_LABELS, type ScreeningCounts } from "@shared/disputes/screening-schemas.ts";
import { typeNameZh } from "./dispute-types.ts";
import { chinaDate, chinaTimeOfDay } from "@shared/duty/china-time.ts";
import { renderLedgerXlsx } from "../../documents/ledger-xlsx.ts";
import type { ScreeningBoardView } from "./screening-service.ts";

/** 2026年11月上半月 */
export function periodTitle(start: string) {
  return `${start.slice(0, 4)}年${Number(start.slice(5, 7))}月${start.endsWith("-01") ? "上" : "下"}半月`;
}

export function screeningLedgerName(orgName: string, start: string) {
  return `${orgName}矛盾纠纷排查报表汇总（${periodTitle(start)}）`;
}


export function renderScreeningLedger(board: ScreeningBoardView): Promise<Buffer> {
  const filed = board.items.flatMap((item) => (item.report ? [item.report] : []));
  const sum = (key: keyof ScreeningCounts) => filed.reduce((total, report) => total + report.figures.totals[key], 0);
  return renderLedgerXlsx({
    sheetName: "排查报表",
    title: screeningLedgerName(board.org.name, board.period.start),
    columns: [
      { header: "单位", width: 20 },
      { header: "状态", width: 8 },
      { header: "提交时间", width: 18 },
      { header: "提交人", width: 10 },
      { header: "排查次数", width: 8 },
      ...SCREENING_COUNTS.map((key) => ({ header: SCREENING_COUNT_LABELS[key].zh, width: 9 })),
      { header: "发现数按类型", width: 30 },
    ],
    rows: [
      ...board.items.map((item) => {
        const report = item.report;
        if (!report) return [item.org.name, SCREENING_REPORT_STATUS_LABELS[item.status].zh, "", "", "", ...SCREENING_COUNTS.map(() => ""), ""];
        return [
          item.org.name,
          SCREENING_REPORT_STATUS_LABELS[item.status].zh,
          `${chinaDate(report.submittedAt)} ${chinaTimeOfDay(report.submittedAt)}`,
          board.names.get(report.submittedBy) ?? "",
          report.screenings,
          ...SCREENING_COUNTS.map((key) => report.figures.totals[key]),
          // Type names hold 、 themselves (劳动争议、欠薪), so the list is separated by ；.
          report.figures.byType.map((row) => `${typeNameZh(board.types, row.type)}${row.found}件`).join("；"),
        ];
      }),
      ["合计", `已报${filed.length}/${board.items.length}`, "", "", filed.reduce((total, report) => total + report.screenings, 0), ...SCREENING_COUNTS.map(sum), ""],
    ],
  });
}
