import { Descriptions, List, Tabs, Tag, Typography } from "antd";
import type { Group } from "@shared/groups/schemas.ts";
import { EMERGENCY_CATEGORY_LABELS, type PlanContent, SEVERITY_LEVELS, SEVERITY_LEVEL_LABELS, THRESHOLD_FIELDS } from "@shared/plans/schemas.ts";
import { ROLE_LABELS } from "@shared/roles.ts";
import { useI18n } from "../../app/i18n/i18n.tsx";

/** A plan version as people read it: its chapters, then per level what triggers it and what happens. */
export function PlanContentView({ content, groups }: { content: PlanContent; groups: Group[] }) {
  const { t, label } = useI18n();
  const groupName = (id: string) => groups.find((g) => g.id === id)?.name ?? id.slice(0, 8);
  const targets = (n: { roles: string[]; groupIds: string[] }) => [
    ...n.roles.map((role) => <Tag key={role}>{label(ROLE_LABELS[role as keyof typeof ROLE_LABELS])}</Tag>),
    ...n.groupIds.map((id) => <Tag key={id} color="blue">{groupName(id)}</Tag>),
  ];
  return (
    <>
      <Descriptions column={1} size="small" bordered>
        <Descriptions.Item label={t("planCategories")}>
          {content.categories.map((c) => <Tag key={c.category}>{label(EMERGENCY_CATEGORY_LABELS[c.category])}{c.subtypes.length ? `：${c.subtypes.join("、")}` : ""}</Tag>)}
        </Descriptions.Item>
        {(["purpose", "basis", "scope", "principles"] as const).map((key) =>
          content[key] ? <Descriptions.Item key={key} label={t(`plan_${key}`)}><Typography.Paragraph style={{ whiteSpace: "pre-wrap", margin: 0 }}>{content[key]}</Typography.Paragraph></Descriptions.Item> : null,
        )}
        <Descriptions.Item label={t("planGroups")}>{content.groupIds.map((id) => <Tag key={id} color="blue">{groupName(id)}</Tag>)}</Descriptions.Item>
      </Descriptions>
      <Tabs
        style={{ marginTop: 12 }}
        items={SEVERITY_LEVELS.map((level) => {
          const spec = content.levels[level];
          const met = THRESHOLD_FIELDS.filter((f) => spec.thresholds[f] !== null).map((f) => `${t(`threshold_${f}`)} ≥ ${spec.thresholds[f]}`);
          return {
            key: level,
            label: `${SEVERITY_LEVEL_LABELS[level].numeral} ${label(SEVERITY_LEVEL_LABELS[level])}`,
            children: (
              <Descriptions column={1} size="small" bordered>
                <Descriptions.Item label={t("planThresholds")}>{met.join(t("or")) || "—"}{spec.thresholds.criteria ? `；${spec.thresholds.criteria}` : ""}</Descriptions.Item>
                <Descriptions.Item label={t("planNotify")}>{targets(spec.response.notify)}</Descriptions.Item>
                <Descriptions.Item label={t("planEscalation")}>
                  <List size="small" dataSource={spec.response.escalation} renderItem={(step, i) => <List.Item>{i + 1}. {targets(step.notify)} {t("ackWithin", { minutes: step.ackWithinMinutes })}</List.Item>} />
                </Descriptions.Item>
                <Descriptions.Item label={t("planReports")}>
                  {spec.response.reports.map((r) => <div key={r.to}>{t("reportTo", { to: r.to, minutes: r.initialWithinMinutes })}{r.followUpEveryMinutes ? t("followUpEvery", { minutes: r.followUpEveryMinutes }) : ""}</div>)}
                </Descriptions.Item>
                <Descriptions.Item label={t("planOnSite")}>
                  {spec.response.onSite.map((o, i) => <div key={i}>{o.who ?? label(ROLE_LABELS[o.role])} {t("onSiteWithin", { minutes: o.withinMinutes })}</div>)}
                </Descriptions.Item>
                <Descriptions.Item label={t("planTasks")}>
                  {spec.response.tasks.map((task, i) => <div key={i}><Tag color="blue">{groupName(task.groupId)}</Tag>{task.title}（{t("dueWithin", { minutes: task.dueWithinMinutes })}）</div>)}
                </Descriptions.Item>
              </Descriptions>
            ),
          };
        })}
      />
    </>
  );
}
