// The ECharts options of the statistics page, built from the API's figures and the labels of
// the caller's language. Each bar or slice carries the value a drill-down needs as its `id`.
import type { EChartsCoreOption } from "echarts/core";
import type { DisputeStats } from "@shared/disputes/stats-schemas.ts";

const PRIMARY = "#b5342b";
const SECONDARY = "#1f6fb2";
/** Status colours by meaning: waiting, under way, good, bad, gone elsewhere. */
const STATUS_COLORS: Record<string, string> = {
  registered: "#8c8c8c",
  accepted: "#69b1ff",
  in_mediation: SECONDARY,
  agreed: "#52c41a",
  closed: "#237804",
  not_agreed: "#fa541c",
  refused: "#a8071a",
  withdrawn: "#bfbfbf",
  referred: "#d4b106",
};

const valueAxis = { type: "value", minInterval: 1 };

export function overTimeOption(stats: DisputeStats, names: { registered: string; concluded: string }): EChartsCoreOption {
  const label = (start: string) => (stats.bucket === "month" ? start.slice(0, 7) : start.slice(5));
  return {
    color: [PRIMARY, SECONDARY],
    tooltip: { trigger: "axis" },
    legend: { top: 0 },
    grid: { left: 8, right: 16, top: 36, bottom: 8 },
    xAxis: { type: "category", data: stats.overTime.map((row) => label(row.start)) },
    yAxis: valueAxis,
    series: [
      { name: names.registered, type: "bar", barMaxWidth: 28, data: stats.overTime.map((row) => row.registered) },
      { name: names.concluded, type: "line", smooth: true, data: stats.overTime.map((row) => row.concluded) },
    ],
  };
}

/** A horizontal bar per group, largest first at the top; long Chinese names read better across. */
export function groupBarOption(rows: { id: string; name: string; count: number }[], color = PRIMARY): EChartsCoreOption {
  const ordered = [...rows].reverse();
  return {
    color: [color],
    tooltip: { trigger: "item" },
    grid: { left: 8, right: 32, top: 8, bottom: 8 },
    xAxis: valueAxis,
    yAxis: { type: "category", data: ordered.map((row) => row.name) },
    series: [{ type: "bar", barMaxWidth: 22, label: { show: true, position: "right" }, data: ordered.map((row) => ({ id: row.id, name: row.name, value: row.count })) }],
  };
}

export function statusPieOption(rows: { id: string; name: string; count: number }[]): EChartsCoreOption {
  return {
    tooltip: { trigger: "item", formatter: "{b}: {c} ({d}%)" },
    series: [
      {
        type: "pie",
        radius: ["35%", "65%"],
        label: { formatter: "{b} {c}" },
        data: rows.map((row) => ({ id: row.id, name: row.name, value: row.count, itemStyle: { color: STATUS_COLORS[row.id] ?? PRIMARY } })),
      },
    ],
  };
}

export const ORG_BAR_COLOR = SECONDARY;
