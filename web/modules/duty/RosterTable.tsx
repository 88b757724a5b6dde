import { Table } from "antd";
import { chinaDate, isoWeekday } from "@shared/duty/china-time.ts";
import type { Roster } from "@shared/duty/schemas.ts";
import { useI18n } from "../../app/i18n/i18n.tsx";
import { officerNames, shiftHours } from "./shift-text.ts";

const WEEKDAY_NAMES = { zh: ["星期一", "星期二", "星期三", "星期四", "星期五", "星期六", "星期日"], en: ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"] };

/** The roster as it goes on the duty room's wall: one line a shift, printed instead of the calendar. */
export function RosterTable({ roster, title }: { roster: Roster; title: string }) {
  const { t, lang } = useI18n();
  return (
    <div className="print-only">
      <h2 style={{ textAlign: "center", fontFamily: "serif" }}>{title}</h2>
      <Table
        size="small"
        bordered
        pagination={false}
        rowKey="id"
        dataSource={roster.items}
        columns={[
          { title: t("date"), render: (_, s) => chinaDate(new Date(s.startsAt)) },
          { title: t("weekday"), render: (_, s) => WEEKDAY_NAMES[lang][isoWeekday(chinaDate(new Date(s.startsAt))) - 1] },
          { title: t("shiftHours"), render: (_, s) => shiftHours(s, t("nextDay")) },
          { title: t("dutyOfficers"), render: (_, s) => officerNames(s) },
          { title: t("leaderOnDuty"), render: (_, s) => s.leader?.displayName ?? "" },
          { title: t("dutyPhone"), dataIndex: "phone" },
        ]}
      />
    </div>
  );
}
