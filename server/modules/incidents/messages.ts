import type { ModuleMessages } from "../../http/message-catalog.ts";

const zh = {
  "incident.coordinatesPair": "经度和纬度须同时填写或同时留空",
  "incident.occurredInFuture": "发生时间不能晚于当前时间",
  "incident.statedInFuture": "时间不能晚于当前时间",
  "incident.beforeOccurred": "不能早于事件发生时间",
  "incident.unknownSubtype": "不是适用预案为该类别列出的子类",
  "incident.reasonRequired": "所定级别与建议级别不同，须说明理由",
  "incident.levelUnchanged": "事件已是该级别",
  "incident.notOpen": "事件尚未确认级别、启动响应",
  "task.closed": "任务已完成或已取消，不能再更改",
  "task.nothingChanged": "请修改状态或备注",
  "deadline.notMetByStatement": "此类时限由相应的报告或签收自动完成，不能手工标记",
  "deadline.notOutstanding": "该时限已完成或已取消",
} as const;

export const incidentMessages: ModuleMessages<typeof zh> = {
  zh,
  en: {
    "incident.coordinatesPair": "Give both latitude and longitude, or neither",
    "incident.occurredInFuture": "May not be later than now",
    "incident.statedInFuture": "May not be later than now",
    "incident.beforeOccurred": "May not be before the incident occurred",
    "incident.unknownSubtype": "Not a subtype the governing plan lists for this category",
    "incident.reasonRequired": "The level differs from the suggested one: give the reason",
    "incident.levelUnchanged": "The incident already has this level",
    "incident.notOpen": "The incident's level has not been confirmed and its response not started yet",
    "task.closed": "The task is done or cancelled and can no longer change",
    "task.nothingChanged": "Change the status or the notes",
    "deadline.notMetByStatement": "This kind of deadline is met by its report or acknowledgement, not marked by hand",
    "deadline.notOutstanding": "This deadline is already met or cancelled",
  },
};
