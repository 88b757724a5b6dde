import { FileOutlined, PaperClipOutlined, UploadOutlined } from "@ant-design/icons";
import { App, Button, Card, List, Typography, Upload } from "antd";
import { useCallback, useEffect, useState } from "react";
import { ATTACHMENT_ACCEPT, ATTACHMENT_FIELD, ATTACHMENT_MAX_BYTES, type Attachment, mebibytes } from "@shared/attachments.ts";
import { ApiError, api } from "../../app/api.ts";
import { showApiError } from "../../app/form-errors.ts";
import { useI18n } from "../../app/i18n/i18n.tsx";
import { chinaDateTime } from "../duty/shift-text.ts";
import { fileSizeText } from "./incident-text.ts";

const THUMB_PX = 64;

/**
 * The incident's photos and documents, with thumbnails and download links; those who may add
 * a note may add files. `revision` changes whenever the timeline grows, which any upload
 * (here or by someone else) does, so the list follows it.
 */
export function AttachmentsCard({ incidentId, canAttach, revision, onChanged }: { incidentId: string; canAttach: boolean; revision: number; onChanged(): void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [items, setItems] = useState<Attachment[] | null>(null);
  const [uploading, setUploading] = useState(0);
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

  // One request per file, so one refused file (too large, wrong type) does not hold back the others.
  const upload = async (file: File) => {
    const form = new FormData();
    form.append(ATTACHMENT_FIELD, file, file.name);
    setUploading((n) => n + 1);
    try {
      await api<{ items: Attachment[] }>("POST", base, form);
      message.success(t("attachmentUploaded", { name: file.name }));
      onChanged();
    } catch (error) {
      if (error instanceof ApiError) message.error(`${file.name}：${error.problem.errors?.[0]?.message ?? error.problem.title}`);
      else showApiError(error, message);
    } finally {
      setUploading((n) => n - 1);
    }
  };

  const maxMb = mebibytes(ATTACHMENT_MAX_BYTES);
  return (
    <Card
      size="small"
      title={
        <span>
          <PaperClipOutlined /> {t("attachments")}
        </span>
      }
      data-testid="attachments"
      extra={
        canAttach && (
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
        )
      }
    >
      {canAttach && (
        <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginBottom: 8 }}>
          {t("attachHint", { maxMb })}
        </Typography.Paragraph>
      )}
      <List
        size="small"
        loading={items === null}
        dataSource={items ?? []}
        locale={{ emptyText: t("noAttachments") }}
        renderItem={(item) => {
          const href = `${base}/${item.id}`;
          return (
            <List.Item key={item.id} data-testid="attachment" actions={[<a key="download" href={href} download={item.fileName}>{t("download")}</a>]}>
              <List.Item.Meta
                avatar={
                  item.hasThumbnail ? (
                    <a href={href} download={item.fileName}>
                      <img src={`${href}/thumbnail`} alt={item.fileName} width={THUMB_PX} height={THUMB_PX} style={{ objectFit: "cover", borderRadius: 4 }} data-testid="attachment-thumbnail" />
                    </a>
                  ) : (
                    <FileOutlined style={{ fontSize: 32, width: THUMB_PX, textAlign: "center" }} />
                  )
                }
                title={<span style={{ wordBreak: "break-all" }}>{item.fileName}</span>}
                description={
                  <>
                    {fileSizeText(item.sizeBytes)}
                    {item.width && item.height ? ` · ${item.width}×${item.height}` : ""}
                    <br />
                    {t("attachmentByAt", { name: item.uploadedBy.name, at: chinaDateTime(item.uploadedAt) })}
                  </>
                }
              />
            </List.Item>
          );
        }}
      />
    </Card>
  );
}
