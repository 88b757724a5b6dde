import { Tag, Typography } from "antd";
import type { IncidentSummary } from "@shared/incidents/schemas.ts";
import { SEVERITY_LEVEL_LABELS, type SeverityLevel } from "@shared/plans/schemas.ts";
import { useI18n } from "../../app/i18n/i18n.tsx";
import { LEVEL_COLORS } from "./incident-text.ts";

/** "Ⅲ级 较大" on the level's national colour. */
export function LevelTag({ level, testId }: { level: SeverityLevel; testId?: string }) {
  const { t, label } = useI18n();
  const names = SEVERITY_LEVEL_LABELS[level];
  return (
    <Tag variant="solid" style={{ ...LEVEL_COLORS[level], borderColor: LEVEL_COLORS[level].background, fontWeight: 600 }} data-testid={testId}>
      {t("levelName", { numeral: names.numeral, name: label(names) })}
    </Tag>
  );
}

/** The confirmed level, or the plan's suggestion (outlined) while nobody has confirmed one. */
export function LevelCell({ incident }: { incident: Pick<IncidentSummary, "level" | "suggestedLevel"> }) {
  const { t } = useI18n();
  if (incident.level) return <LevelTag level={incident.level} />;
  if (incident.suggestedLevel) return <Tag variant="outlined">{t("suggestedShort", { numeral: SEVERITY_LEVEL_LABELS[incident.suggestedLevel].numeral })}</Tag>;
  return <Typography.Text type="secondary">{t("levelNone")}</Typography.Text>;
}
