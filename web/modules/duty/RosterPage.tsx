import { DownloadOutlined, LeftOutlined, PrinterOutlined, RightOutlined } from "@ant-design/icons";
import { Alert, Button, Card, Segmented, Space, Spin, TreeSelect, Typography } from "antd";
import { useState } from "react";
import { addDays, chinaDate, mondayOf } from "@shared/duty/china-time.ts";
import type { Shift } from "@shared/duty/schemas.ts";
import { query } from "../../app/api.ts";
import { useI18n } from "../../app/i18n/i18n.tsx";
import { useSignedIn } from "../../app/session.tsx";
import { toTree, useOrgs } from "../orgs/use-orgs.ts";
import { CalendarFeedButton } from "./CalendarFeedButton.tsx";
import { RosterCalendar, type RosterView } from "./RosterCalendar.tsx";
import { RosterTable } from "./RosterTable.tsx";
import { RotationForm } from "./RotationForm.tsx";
import { ShiftDrawer } from "./ShiftDrawer.tsx";
import { ShiftForm } from "./ShiftForm.tsx";
import { chinaDateTime } from "./shift-text.ts";
import { useRoster } from "./use-roster.ts";

/** The dates a view shows around `anchor`: its Monday-to-Sunday week, or the six weeks that hold its month. */
function rangeOf(view: RosterView, anchor: string) {
  if (view === "week") return { from: mondayOf(anchor), to: addDays(mondayOf(anchor), 6) };
  const from = mondayOf(`${anchor.slice(0, 7)}-01`);
  return { from, to: addDays(from, 41) };
}

function shiftAnchor(view: RosterView, anchor: string, step: number) {
  if (view === "week") return addDays(anchor, 7 * step);
  const [y, m] = anchor.split("-").map(Number) as [number, number];
  const month = new Date(Date.UTC(y, m - 1 + step, 1));
  return `${month.getUTCFullYear()}-${String(month.getUTCMonth() + 1).padStart(2, "0")}-01`;
}

/** 值班表: an org's roster by week or month, with its coverage warnings, the rotation builder and the exports. */
export function RosterPage() {
  const { t } = useI18n();
  const session = useSignedIn();
  const { orgs } = useOrgs();
  const today = chinaDate(new Date());
  const [orgId, setOrgId] = useState(session.org.id);
  const [view, setView] = useState<RosterView>("week");
  const [anchor, setAnchor] = useState(today);
  const { from, to } = rangeOf(view, anchor);
  const { roster: loaded, reload } = useRoster(orgId, from, to);
  // Until the new range arrives, the last one is not shown under the new dates.
  const roster = loaded && loaded.orgId === orgId && loaded.from === from && loaded.to === to ? loaded : null;
  const [open, setOpen] = useState<Shift | null>(null);
  const [form, setForm] = useState<{ shift?: Shift } | null>(null);
  const [rotation, setRotation] = useState(false);
  const orgName = orgs?.find((o) => o.id === orgId)?.name ?? session.org.name;
  const title = view === "week" ? t("rosterTitleWeek", { org: orgName, from, to }) : t("rosterTitleMonth", { org: orgName, month: anchor.slice(0, 7) });
  const changed = () => {
    setOpen(null);
    setForm(null);
    void reload();
  };

  return (
    <Space orientation="vertical" style={{ width: "100%" }}>
      <Card size="small" className="no-print" title={t("menuRoster")} extra={<Space wrap>
        {roster?.canCreate && <Button onClick={() => setForm({})} data-testid="shift-create">{t("newShift")}</Button>}
        {roster?.canCreate && <Button type="primary" onClick={() => setRotation(true)} data-testid="rotation-open">{t("rotation")}</Button>}
      </Space>}>
        <Space wrap>
          <TreeSelect style={{ width: 240, maxWidth: "100%" }} value={orgId} treeData={toTree(orgs ?? [])} treeDefaultExpandAll showSearch treeNodeFilterProp="title" onChange={(id: string) => setOrgId(id)} data-testid="roster-org" />
          <Segmented<RosterView> value={view} onChange={setView} options={[{ value: "week", label: t("week") }, { value: "month", label: t("month") }]} data-testid="roster-view" />
          <Space.Compact>
            <Button icon={<LeftOutlined />} aria-label={t("previous")} onClick={() => setAnchor(shiftAnchor(view, anchor, -1))} data-testid="roster-prev" />
            <Button onClick={() => setAnchor(today)}>{t("today")}</Button>
            <Button icon={<RightOutlined />} aria-label={t("next")} onClick={() => setAnchor(shiftAnchor(view, anchor, 1))} data-testid="roster-next" />
          </Space.Compact>
          <Typography.Text strong data-testid="roster-title">{title}</Typography.Text>
          <Button icon={<PrinterOutlined />} onClick={() => window.print()}>{t("print")}</Button>
          <Button icon={<DownloadOutlined />} href={`/api/shifts/export.xlsx${query({ orgId, from, to })}`} data-testid="roster-export">{t("exportExcel")}</Button>
          <CalendarFeedButton kind="org" orgId={orgId} />
        </Space>
      </Card>
      {roster && roster.warnings.length > 0 && (
        <Alert
          className="no-print"
          type="warning"
          showIcon
          data-testid="roster-warnings"
          title={t("rosterWarnings", { count: roster.warnings.length })}
          description={<ul style={{ margin: 0, paddingInlineStart: 20 }}>
            {roster.warnings.slice(0, 8).map((w, i) => (
              <li key={i}>{t(`warning_${w.kind}`)}：{chinaDateTime(w.from)} – {chinaDateTime(w.to)}{w.kind === "leaderMissing" ? `（${w.protectionPeriodName}）` : ""}</li>
            ))}
            {roster.warnings.length > 8 && <li>…</li>}
          </ul>}
        />
      )}
      {!roster && <Spin style={{ display: "block", margin: 48 }} />}
      {roster && (
        <div className="no-print">
          <RosterCalendar roster={roster} view={view} month={anchor.slice(0, 7)} today={today} onOpen={setOpen} />
        </div>
      )}
      {roster && <RosterTable roster={roster} title={title} />}
      {open && roster && (
        <ShiftDrawer shift={open} others={roster.items.filter((s) => s.id !== open.id && s.actions.includes("update"))} onClose={() => setOpen(null)} onEdit={() => setForm({ shift: open })} onChanged={changed} />
      )}
      {form && <ShiftForm orgId={orgId} shift={form.shift} date={anchor} onClose={() => setForm(null)} onSaved={changed} />}
      {rotation && (
        <RotationForm
          orgId={orgId}
          orgName={orgName}
          today={today}
          onClose={() => setRotation(false)}
          onSaved={(start) => {
            setRotation(false);
            setAnchor(start);
            void reload();
          }}
        />
      )}
    </Space>
  );
}
