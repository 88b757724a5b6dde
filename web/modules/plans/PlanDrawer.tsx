import { App, Button, type ButtonProps, Drawer, Empty, Popconfirm, Select, Space, Tag } from "antd";
import { useEffect, useState } from "react";
import type { Group } from "@shared/groups/schemas.ts";
import { PLAN_STATUS_LABELS, type Plan, type PlanStatus } from "@shared/plans/schemas.ts";
import { api } from "../../app/api.ts";
import { showApiError } from "../../app/form-errors.ts";
import { useI18n } from "../../app/i18n/i18n.tsx";
import { PlanContentView } from "./PlanContentView.tsx";

export const STATUS_COLORS: Record<PlanStatus, string> = { draft: "gold", active: "green", retired: "default" };

/** One plan: pick a version to read; publish, retire, edit and export as the server allows. */
export function PlanDrawer({ planId, groups, onClose, onEdit, onChanged }: { planId: string; groups: Group[]; onClose(): void; onEdit(plan: Plan): void; onChanged(): void }) {
  const { t, label } = useI18n();
  const { message } = App.useApp();
  const [plan, setPlan] = useState<Plan | null>(null);
  const [versionId, setVersionId] = useState<string | null>(null);
  useEffect(() => {
    api<Plan>("GET", `/api/plans/${planId}`).then((p) => {
      setPlan(p);
      setVersionId(p.versions[0]?.id ?? null);
    }, (error: unknown) => showApiError(error, message));
  }, [planId, message]);

  const act = async (action: "publish" | "retire") => {
    try {
      const next = await api<Plan>("POST", `/api/plans/${planId}/${action}`, { version: plan!.version });
      setPlan(next);
      setVersionId(next.versions[0]?.id ?? null);
      message.success(t("saved"));
      onChanged();
    } catch (error) {
      showApiError(error, message);
    }
  };
  const shown = plan?.versions.find((v) => v.id === versionId);
  return (
    <Drawer open onClose={onClose} size={900} title={plan?.title ?? ""}>
      {!plan ? <Empty /> : (
        <Space orientation="vertical" style={{ width: "100%" }}>
          <Space wrap>
            <Select
              style={{ minWidth: 240 }}
              value={versionId}
              onChange={setVersionId}
              data-testid="plan-version-select"
              options={plan.versions.map((v) => ({ value: v.id, label: `${t("versionNo", { no: v.versionNo })} · ${label(PLAN_STATUS_LABELS[v.status])}` }))}
            />
            {shown && <Tag color={STATUS_COLORS[shown.status]} data-testid="plan-version-status">{label(PLAN_STATUS_LABELS[shown.status])}</Tag>}
          </Space>
          <Space wrap>
            {plan.actions.includes("update") && <Button onClick={() => onEdit(plan)} data-testid="plan-edit">{plan.draftVersion ? t("editDraft") : t("newDraft")}</Button>}
            {plan.actions.includes("publish") && plan.draftVersion && (
              <Popconfirm title={t("confirmPublish")} okText={t("confirm")} cancelText={t("cancel")} onConfirm={() => act("publish")} okButtonProps={{ "data-testid": "plan-publish-confirm" } as ButtonProps}>
                <Button type="primary" data-testid="plan-publish">{t("publish")}</Button>
              </Popconfirm>
            )}
            {plan.actions.includes("retire") && plan.activeVersion && (
              <Popconfirm title={t("confirmRetire")} okText={t("confirm")} cancelText={t("cancel")} onConfirm={() => act("retire")}>
                <Button danger>{t("retire")}</Button>
              </Popconfirm>
            )}
            {shown && <Button href={`/api/plans/${plan.id}/export.docx?versionId=${shown.id}`}>{t("exportWord")}</Button>}
          </Space>
          {shown && <PlanContentView content={shown.content} groups={groups} />}
        </Space>
      )}
    </Drawer>
  );
}
