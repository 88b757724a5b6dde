import { App } from "antd";
import { useEffect } from "react";
import { useI18n } from "../../app/i18n/i18n.tsx";
import { useSignedIn } from "../../app/session.tsx";
import { sendQueued, useOutbox } from "./report-outbox.ts";

/**
 * Sends the signed-in account's waiting reports whatever page is open: at sign-in (the page
 * may have been reloaded offline), when the browser says it is back online, and every 20
 * seconds while some wait, since a phone can be "online" on a network that carries nothing
 * and the 'online' event fires only on a change.
 */
export function OutboxSender() {
  const { account } = useSignedIn();
  const { t } = useI18n();
  const { message } = App.useApp();
  const waiting = useOutbox(account.id).filter((report) => !report.rejected).length;

  useEffect(() => {
    if (waiting === 0) return;
    const send = () =>
      void sendQueued(account.id).then((sent) => {
        for (const incident of sent) message.success(t("queuedReportSent", { title: incident.title }));
      });
    send();
    window.addEventListener("online", send);
    const timer = window.setInterval(send, 20_000);
    return () => {
      window.removeEventListener("online", send);
      window.clearInterval(timer);
    };
  }, [account.id, waiting, message, t]);
  return null;
}
