import { Button, Result } from "antd";
import { useI18n } from "../../app/i18n/i18n.tsx";
import { OutboxList } from "./OutboxList.tsx";
import { useOutbox } from "./report-outbox.ts";

/**
 * What the app shows when it starts without network (a reporter reloading in a dead spot):
 * the reports waiting on this device are safe and go out once the network and the session are
 * back. Nobody is signed in yet, so every waiting report of the device is listed.
 */
export function OfflineStart({ onRetry }: { onRetry(): void }) {
  const { t } = useI18n();
  const waiting = useOutbox();
  return (
    <div style={{ maxWidth: 560, margin: "0 auto", padding: 12 }}>
      <Result
        status="warning"
        title={t("offlineTitle")}
        subTitle={t("offlineHint")}
        extra={
          <Button type="primary" onClick={onRetry} data-testid="offline-retry">
            {t("retryNow")}
          </Button>
        }
      />
      {waiting.length > 0 && <OutboxList reports={waiting} />}
    </div>
  );
}
