// A case's files as a list: a thumbnail for an image, its size and who added it when, and a
// download that reports a refusal in the page (saveFile) instead of leaving it.
import { FileOutlined } from "@ant-design/icons";
import { App, List } from "antd";
import type { ReactNode } from "react";
import type { Attachment } from "@shared/attachments.ts";
import { chinaDateTime } from "../modules/duty/shift-text.ts";
import { saveFile } from "./api.ts";
import { fileSizeText } from "./file-size.ts";
import { showApiError } from "./form-errors.ts";
import { useI18n } from "./i18n/i18n.tsx";

const THUMB_PX = 64;

/** `base` is the list's URL; each file is at `base/<id>`, its thumbnail below it. `note` adds a line to a file's description. */
export function AttachmentFileList<Item extends Attachment>({ base, items, note }: { base: string; items: Item[] | null; note?(item: Item): ReactNode }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const download = (item: Item) => saveFile(`${base}/${item.id}`, item.fileName).catch((error: unknown) => showApiError(error, message));
  return (
    <List
      size="small"
      loading={items === null}
      dataSource={items ?? []}
      locale={{ emptyText: t("noAttachments") }}
      renderItem={(item) => (
        <List.Item
          key={item.id}
          data-testid="attachment"
          actions={[
            <a key="download" onClick={() => void download(item)}>
              {t("download")}
            </a>,
          ]}
        >
          <List.Item.Meta
            avatar={
              item.hasThumbnail ? (
                <a onClick={() => void download(item)}>
                  <img src={`${base}/${item.id}/thumbnail`} alt={item.fileName} width={THUMB_PX} height={THUMB_PX} style={{ objectFit: "cover", borderRadius: 4 }} data-testid="attachment-thumbnail" />
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
                {note?.(item)}
              </>
            }
          />
        </List.Item>
      )}
    />
  );
}
