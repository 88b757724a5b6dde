import { Card, Table } from "antd";
import type { ColumnsType } from "antd/es/table";
import type { Party } from "@shared/disputes/schemas.ts";
import { useI18n } from "../../app/i18n/i18n.tsx";

/** The parties as the server gives them: identities unmasked only for the case's handlers and its filer. */
export function PartiesCard({ parties }: { parties: Party[] }) {
  const { t } = useI18n();
  const text = (value: string | null) => value ?? "—";
  const columns: ColumnsType<Party & { key: number }> = [
    { title: t("partySide"), dataIndex: "side", width: 90, render: (side: Party["side"]) => t(`partySide_${side}`) },
    { title: t("partyName"), dataIndex: "name", render: (name: string, party) => `${name}（${t(`partyKind_${party.kind}`)}）` },
    { title: t("partyPhone"), dataIndex: "contactPhone", render: text },
    { title: t("partyIdNumber"), dataIndex: "idNumber", render: text },
    { title: t("partyAgent"), render: (_, party) => [party.agentName, party.agentContact].filter(Boolean).join(" ") || "—" },
  ];
  return (
    <Card size="small" title={t("parties")} data-testid="parties">
      <Table rowKey="key" size="small" columns={columns} dataSource={parties.map((party, key) => ({ ...party, key }))} pagination={false} scroll={{ x: 640 }} />
    </Card>
  );
}
