import { App, Form, Modal } from "antd";
import { type ReactNode, useState } from "react";
import type { Dispute } from "@shared/disputes/schemas.ts";
import { api } from "../../app/api.ts";
import { showApiError } from "../../app/form-errors.ts";

/**
 * One decision on a dispute in a dialog: its fields, sent with the version the page holds, the
 * changed record handed back. Field errors from the server stand beside their fields; a record
 * changed underneath (409) is read again.
 */
export function DisputeActionDialog<Values extends object>({
  dispute,
  title,
  method = "POST",
  path,
  toInput,
  initialValues,
  done,
  testId,
  onClose,
  onChanged,
  children,
}: {
  dispute: Dispute;
  title: string;
  method?: "POST" | "PUT" | "PATCH";
  path: string;
  toInput(values: Values): object;
  initialValues?: Partial<Values>;
  done: string;
  testId: string;
  onClose(): void;
  onChanged(dispute: Dispute | null): void;
  children: ReactNode;
}) {
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);

  const submit = async (values: Values) => {
    setBusy(true);
    try {
      onChanged(await api<Dispute>(method, `/api/disputes/${dispute.id}${path}`, { version: dispute.version, ...toInput(values) }));
      message.success(done);
      onClose();
    } catch (error) {
      if (showApiError(error, message, form)) onChanged(null);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal open title={title} width={600} onCancel={onClose} onOk={() => form.submit()} confirmLoading={busy} okButtonProps={{ "data-testid": `${testId}-submit` }} destroyOnHidden>
      <Form form={form} layout="vertical" initialValues={initialValues} onFinish={(values) => void submit(values)} data-testid={testId}>
        {children}
      </Form>
    </Modal>
  );
}
