import { Tag, Tooltip, Typography } from "antd";
import { chinaDate, datesFrom, isoWeekday } from "@shared/duty/china-time.ts";
import type { Roster, RosterWarning, Shift } from "@shared/duty/schemas.ts";
import { useI18n } from "../../app/i18n/i18n.tsx";
import { officerNames, shiftHours } from "./shift-text.ts";

export type RosterView = "week" | "month";

const WEEKDAYS = { zh: ["一", "二", "三", "四", "五", "六", "日"], en: ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"] };

/** Warnings whose time touches a date, so each day cell shows its own gaps and overlaps. */
function warningsOn(date: string, warnings: RosterWarning[]) {
  return warnings.filter((w) => chinaDate(new Date(w.from)) <= date && date <= chinaDate(new Date(new Date(w.to).getTime() - 1)));
}

/**
 * The roster as a calendar: a week of columns, or a month of day cells. A shift sits on the
 * day it starts; a day with time nobody covers is marked in red.
 */
export function RosterCalendar({ roster, view, month, today, onOpen }: { roster: Roster; view: RosterView; month: string; today: string; onOpen(shift: Shift): void }) {
  const { t, lang } = useI18n();
  const dates = datesFrom(roster.from, roster.to);
  const byDate = new Map<string, Shift[]>();
  for (const shift of roster.items) {
    const date = chinaDate(new Date(shift.startsAt));
    byDate.set(date, [...(byDate.get(date) ?? []), shift]);
  }
  const flagged = new Set(roster.warnings.flatMap((w) => ("shiftIds" in w ? w.shiftIds : [])));

  const shiftCard = (shift: Shift) => (
    <button
      type="button"
      key={shift.id}
      onClick={() => onOpen(shift)}
      data-testid={`shift-${chinaDate(new Date(shift.startsAt))}`}
      style={{
        display: "block", width: "100%", textAlign: "left", cursor: "pointer", marginBottom: 4, padding: view === "week" ? "6px 8px" : "2px 4px",
        border: `1px solid ${flagged.has(shift.id) ? "#faad14" : "#d9d9d9"}`, borderLeft: `3px solid ${shift.leader ? "#b5342b" : "#8c8c8c"}`, borderRadius: 4, background: "#fff", font: "inherit",
      }}
    >
      <div style={{ fontSize: 12, color: "#8c8c8c" }}>{shiftHours(shift, t("nextDay"))}</div>
      <div style={{ fontWeight: 500, overflowWrap: "anywhere" }}>{officerNames(shift)}</div>
      {view === "week" && shift.leader && <div style={{ fontSize: 12 }}>{t("leaderOnDuty")}：{shift.leader.displayName}</div>}
      {view === "week" && <div style={{ fontSize: 12, color: "#595959" }}>☎ {shift.phone}</div>}
    </button>
  );

  const dayCell = (date: string) => {
    const outside = view === "month" && date.slice(0, 7) !== month;
    const warnings = warningsOn(date, roster.warnings);
    return (
      <div
        key={date}
        data-testid={`roster-day-${date}`}
        style={{ minHeight: view === "week" ? 220 : 96, padding: 6, background: outside ? "#fafafa" : "#fff", borderRight: "1px solid #f0f0f0", borderBottom: "1px solid #f0f0f0", opacity: outside ? 0.6 : 1 }}
      >
        <div style={{ display: "flex", justifyContent: "space-between", marginBottom: 4 }}>
          <Typography.Text strong={date === today} type={date === today ? "danger" : undefined}>
            {view === "week" ? `${WEEKDAYS[lang][isoWeekday(date) - 1]} ${date.slice(5)}` : Number(date.slice(8))}
          </Typography.Text>
          {warnings.map((w, i) => (
            <Tooltip key={i} title={t(`warning_${w.kind}`)}>
              <Tag color={w.kind === "gap" ? "red" : "orange"} style={{ marginInlineEnd: 0, fontSize: 11, lineHeight: "16px" }} data-testid={`warning-${w.kind}-${date}`}>
                {t(`warningShort_${w.kind}`)}
              </Tag>
            </Tooltip>
          ))}
        </div>
        {(byDate.get(date) ?? []).map(shiftCard)}
      </div>
    );
  };

  return (
    <div style={{ border: "1px solid #f0f0f0", borderRadius: 6, overflowX: "auto" }}>
      <div style={{ display: "grid", gridTemplateColumns: "repeat(7, minmax(110px, 1fr))", minWidth: 770 }}>
        {view === "month" && WEEKDAYS[lang].map((d) => <div key={d} style={{ padding: "4px 6px", background: "#fafafa", borderBottom: "1px solid #f0f0f0", fontWeight: 500 }}>{d}</div>)}
        {dates.map(dayCell)}
      </div>
    </div>
  );
}
