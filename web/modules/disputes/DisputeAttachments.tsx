import { PaperClipOutlined } from "@ant-design/icons";
import { App, Space, Typography } from "antd";
import { useCallback, useEffect, useMemo, useState } from "react";
import { type DisputeAttachment, SESSION_FIELD } from "@shared/disputes/attachment-schemas.ts";
import { api } from "../../app/api.ts";
import { AttachmentFileList } from "../../app/AttachmentFileList.tsx";
import { AttachmentHint, AttachmentUploadButton } from "../../app/AttachmentUpload.tsx";
import { showApiError } from "../../app/form-errors.ts";
import { useI18n } from "../../app/i18n/i18n.tsx";

/**
 * The files of a dispute (the signed attendance sheet, a scanned statement, the signed
 * agreement), or with `sessionId` those of that session, which a new upload then belongs to.
 * Without a frame of its own, so it sits in the page or inside a session's card.
 */
export function DisputeAttachments({ disputeId, sessionId, canAttach }: { disputeId: string; sessionId?: string; canAttach: boolean }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [all, setAll] = useState<DisputeAttachment[] | null>(null);
  const base = `/api/disputes/${disputeId}/attachments`;

  const load = useCallback(async () => {
    try {
      setAll((await api<{ items: DisputeAttachment[] }>("GET", base)).items);
    } catch (error) {
      showApiError(error, message);
    }
  }, [base, message]);
  useEffect(() => {
    void load();
  }, [load]);

  const items = useMemo(() => (all && sessionId ? all.filter((item) => item.sessionId === sessionId) : all), [all, sessionId]);
  return (
    <div data-testid="dispute-attachments">
      <Space style={{ width: "100%", justifyContent: "space-between", marginBottom: 4 }}>
        <Typography.Text strong>
          <PaperClipOutlined /> {t("attachments")}
        </Typography.Text>
        {canAttach && <AttachmentUploadButton url={base} fields={sessionId ? { [SESSION_FIELD]: sessionId } : {}} onUploaded={() => void load()} />}
      </Space>
      {canAttach && <AttachmentHint />}
      <AttachmentFileList base={base} items={items} note={(item) => (!sessionId && item.sessionId ? <><br />{t("attachmentOfSession")}</> : null)} />
    </div>
  );
}
