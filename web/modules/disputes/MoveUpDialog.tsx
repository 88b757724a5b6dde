import { Alert, Form, Input, Select } from "antd";
import type { MoveUpDisputeInput } from "@shared/disputes/mediation-schemas.ts";
import type { Dispute } from "@shared/disputes/schemas.ts";
import type { Org, OrgKind } from "@shared/orgs/schemas.ts";
import { TEXT_MAX } from "@shared/limits.ts";
import { useI18n } from "../../app/i18n/i18n.tsx";
import { useOrgs } from "../orgs/use-orgs.ts";
import { DisputeActionDialog } from "./DisputeActionDialog.tsx";

type MoveUpValues = Omit<MoveUpDisputeInput, "version">;

/** A case goes up to a level that decides disputes again: a township or street, or the county. */
const LEVELS_ABOVE: ReadonlySet<OrgKind> = new Set(["township", "street", "county"]);

/** The orgs above `orgId` that take cases moved up, nearest first, among those the caller sees. */
function levelsAbove(orgs: Org[], orgId: string): Org[] {
  const byId = new Map(orgs.map((org) => [org.id, org]));
  const above: Org[] = [];
  for (let org = byId.get(byId.get(orgId)?.parentId ?? ""); org; org = byId.get(org.parentId ?? "")) {
    if (LEVELS_ABOVE.has(org.kind)) above.push(org);
  }
  return above;
}

/** 上移: to the township or county above the case's org, which is told and decides on it again. */
export function MoveUpDialog({ dispute, onClose, onChanged }: { dispute: Dispute; onClose(): void; onChanged(dispute: Dispute | null): void }) {
  const { t } = useI18n();
  const { orgs } = useOrgs();
  const above = levelsAbove(orgs ?? [], dispute.orgId);
  return (
    <DisputeActionDialog<MoveUpValues>
      dispute={dispute}
      title={t("moveUpDispute")}
      path="/move-up"
      toInput={(values) => values}
      done={t("disputeMovedUp")}
      testId="move-up"
      onClose={onClose}
      onChanged={onChanged}
    >
      {orgs && above.length === 0 && <Alert type="info" showIcon title={t("noOrgAbove")} style={{ marginBottom: 12 }} />}
      <Form.Item name="toOrgId" label={t("moveUpTo")} rules={[{ required: true }]}>
        <Select loading={!orgs} options={above.map((org) => ({ value: org.id, label: org.name }))} data-testid="move-up-to" />
      </Form.Item>
      <Form.Item name="reason" label={t("moveUpReason")} rules={[{ required: true, whitespace: true, max: TEXT_MAX }]}>
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={TEXT_MAX} data-testid="move-up-reason" />
      </Form.Item>
    </DisputeActionDialog>
  );
}
