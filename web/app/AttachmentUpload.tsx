// The button that adds files to a case, and the hint of what it takes. One request per file,
// so one refused file (too large, wrong type) does not hold back the others.
import { UploadOutlined } from "@ant-design/icons";
import { App, Button, Typography, Upload } from "antd";
import { useState } from "react";
import { ATTACHMENT_ACCEPT, ATTACHMENT_FIELD, ATTACHMENT_MAX_BYTES, mebibytes } from "@shared/attachments.ts";
import { ApiError, api } from "./api.ts";
import { showApiError } from "./form-errors.ts";
import { useI18n } from "./i18n/i18n.tsx";

const maxMb = mebibytes(ATTACHMENT_MAX_BYTES);

/** Posts each chosen file to `url` with the form's other `fields`; `onUploaded` after each one taken. */
export function AttachmentUploadButton({ url, fields = {}, onUploaded }: { url: string; fields?: Record<string, string>; onUploaded(): void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [uploading, setUploading] = useState(0);

  const upload = async (file: File) => {
    const form = new FormData();
    for (const [name, value] of Object.entries(fields)) form.append(name, value);
    form.append(ATTACHMENT_FIELD, file, file.name);
    setUploading((n) => n + 1);
    try {
      await api("POST", url, form);
      message.success(t("attachmentUploaded", { name: file.name }));
      onUploaded();
    } catch (error) {
      if (error instanceof ApiError) message.error(`${file.name}：${error.problem.errors?.[0]?.message ?? error.problem.title}`);
      else showApiError(error, message);
    } finally {
      setUploading((n) => n - 1);
    }
  };

  return (
    <Upload
      multiple
      accept={ATTACHMENT_ACCEPT}
      showUploadList={false}
      beforeUpload={(file) => {
        if (file.size <= ATTACHMENT_MAX_BYTES) return true;
        message.error(`${file.name}：${t("attachHint", { maxMb })}`);
        return Upload.LIST_IGNORE;
      }}
      customRequest={({ file, onSuccess }) => void upload(file as File).then(() => onSuccess?.(null))}
    >
      <Button size="small" icon={<UploadOutlined />} loading={uploading > 0} data-testid="attach-files">
        {t("attachFiles")}
      </Button>
    </Upload>
  );
}

/** What the button takes, shown beside it. */
export function AttachmentHint() {
  const { t } = useI18n();
  return (
    <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginBottom: 8 }}>
      {t("attachHint", { maxMb })}
    </Typography.Paragraph>
  );
}
