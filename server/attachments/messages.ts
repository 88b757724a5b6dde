// What the server says about an upload, for every module that takes files.
import type { ModuleMessages } from "../http/message-catalog.ts";

const zh = {
  "attachment.multipartRequired": "请以 multipart/form-data 方式上传文件",
  "attachment.noFile": "请选择要上传的文件",
  "attachment.empty": "文件是空的",
  "attachment.tooLarge": "单个文件不能超过 {maxMb} MB",
  "attachment.tooManyInUpload": "一次最多上传 {perUpload} 个文件",
  "attachment.typeNotAllowed": "只能上传 JPEG、PNG、WebP 图片和 PDF、Word（.docx）、Excel（.xlsx）文件",
  "attachment.unreadable": "文件已损坏，无法读取",
  "attachment.malformed": "上传的内容不完整或格式有误",
} as const;

export const attachmentMessages: ModuleMessages<typeof zh> = {
  zh,
  en: {
    "attachment.multipartRequired": "Send the files as multipart/form-data",
    "attachment.noFile": "Choose a file to upload",
    "attachment.empty": "The file is empty",
    "attachment.tooLarge": "A file may be at most {maxMb} MB",
    "attachment.tooManyInUpload": "At most {perUpload} files at a time",
    "attachment.typeNotAllowed": "Only JPEG, PNG and WebP images and PDF, Word (.docx) and Excel (.xlsx) files are taken",
    "attachment.unreadable": "The file is damaged and cannot be read",
    "attachment.malformed": "The upload is incomplete or malformed",
  },
};
