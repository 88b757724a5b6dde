import { PaperClipOutlined } from "@ant-design/icons";
import { App, Card } from "antd";
import { useCallback, useEffect, useState } from "react";
import type { Attachment } from "@shared/attachments.ts";
import { api } from "../../app/api.ts";
import { AttachmentFileList } from "../../app/AttachmentFileList.tsx";
import { AttachmentHint, AttachmentUploadButton } from "../../app/AttachmentUpload.tsx";
import { showApiError } from "../../app/form-errors.ts";
import { useI18n } from "../../app/i18n/i18n.tsx";

/**
 * The incident's photos and documents, with thumbnails and download links; those who may add
 * a note may add files. `revision` changes whenever the timeline grows, which any upload
 * (here or by someone else) does, so the list follows it.
 */
export function AttachmentsCard({ incidentId, canAttach, revision, onChanged }: { incidentId: string; canAttach: boolean; revision: number; onChanged(): void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [items, setItems] = useState<Attachment[] | null>(null);
  const base = `/api/incidents/${incidentId}/attachments`;

  const load = useCallback(async () => {
    try {
      setItems((await api<{ items: Attachment[] }>("GET", base)).items);
    } catch (error) {
      showApiError(error, message);
    }
  }, [base, message]);
  useEffect(() => {
    void load();
  }, [load, revision]);

  return (
    <Card
      size="small"
      title={
        <span>
          <PaperClipOutlined /> {t("attachments")}
        </span>
      }
      data-testid="attachments"
      extra={canAttach && <AttachmentUploadButton url={base} onUploaded={onChanged} />}
    >
      {canAttach && <AttachmentHint />}
      <AttachmentFileList base={base} items={items} />
    </Card>
  );
}
