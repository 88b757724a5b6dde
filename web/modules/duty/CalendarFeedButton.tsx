import { CalendarOutlined } from "@ant-design/icons";
import { Alert, App, Button, Modal, Popconfirm, Typography } from "antd";
import { useState } from "react";
import type { CalendarFeedKind } from "@shared/duty/schemas.ts";
import { api } from "../../app/api.ts";
import { showApiError } from "../../app/form-errors.ts";
import { useI18n } from "../../app/i18n/i18n.tsx";

/**
 * Makes the secret iCalendar address of an org's roster or of the caller's own shifts. The
 * address is shown once: the server keeps only its hash, and making a new one retires the old.
 */
export function CalendarFeedButton({ kind, orgId }: { kind: CalendarFeedKind; orgId?: string }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [url, setUrl] = useState<string | null>(null);
  const create = async () => {
    try {
      const feed = await api<{ url: string }>("POST", "/api/calendar-feeds", { kind, orgId: kind === "org" ? orgId : null });
      setUrl(new URL(feed.url, window.location.origin).toString());
    } catch (error) {
      showApiError(error, message);
    }
  };
  return (
    <>
      <Popconfirm title={t("calendarFeedConfirm")} okText={t("confirm")} cancelText={t("cancel")} onConfirm={() => void create()}>
        <Button icon={<CalendarOutlined />} data-testid={`calendar-feed-${kind}`}>{kind === "org" ? t("subscribeOrgCalendar") : t("subscribeMyCalendar")}</Button>
      </Popconfirm>
      {url && (
        <Modal open title={t("calendarFeed")} footer={null} onCancel={() => setUrl(null)}>
          <Alert type="warning" showIcon title={t("calendarFeedSecret")} style={{ marginBottom: 12 }} />
          <Typography.Paragraph copyable={{ text: url }} code data-testid="calendar-feed-url" style={{ wordBreak: "break-all" }}>{url}</Typography.Paragraph>
        </Modal>
      )}
    </>
  );
}
