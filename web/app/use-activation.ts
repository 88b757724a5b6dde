import { App, Modal } from "antd";
import { api } from "./api.ts";
import { showApiError } from "./form-errors.ts";
import { useI18n } from "./i18n/i18n.tsx";

/**
 * Deactivates (after a confirmation: history is kept, but the record leaves daily use) or
 * reactivates a versioned record at `${base}/${id}/deactivate|reactivate`, then reloads.
 */
export function useActivation(base: string, reload: () => Promise<unknown>) {
  const { t } = useI18n();
  const { message } = App.useApp();
  return (record: { id: string; version: number; name: string }, action: "deactivate" | "reactivate") => {
    const run = async () => {
      try {
        await api("POST", `${base}/${record.id}/${action}`, { version: record.version });
        message.success(t("saved"));
      } catch (error) {
        showApiError(error, message);
      }
      await reload();
    };
    if (action === "reactivate") return void run();
    Modal.confirm({ title: t("confirmDeactivate", { name: record.name }), okText: t("confirm"), cancelText: t("cancel"), onOk: run });
  };
}
