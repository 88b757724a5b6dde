// What a notification says, in Chinese as the duty room reads it (on screen, in an e-mail's
// subject, in an SMS): the org, the event, its level, and what is asked of the reader.
import { chinaDate, chinaTimeOfDay } from "@shared/duty/china-time.ts";
import { SEVERITY_LEVEL_LABELS, type SeverityLevel } from "@shared/plans/schemas.ts";

export interface IncidentFacts {
  orgName: string;
  title: string;
  place: string;
  occurredAt: Date;
}

const when = (at: Date) => `${chinaDate(at)} ${chinaTimeOfDay(at)}`;
const levelName = (level: SeverityLevel) => `${SEVERITY_LEVEL_LABELS[level].zh}（${SEVERITY_LEVEL_LABELS[level].numeral}级）`;
const facts = (incident: IncidentFacts) => `${incident.orgName}：${incident.title}。地点：${incident.place}；发生时间：${when(incident.occurredAt)}。`;

export function responseText(incident: IncidentFacts, level: SeverityLevel) {
  return {
    title: `【${levelName(level)}】${incident.orgName}${incident.title}`,
    body: `${facts(incident)}已启动${levelName(level)}应急响应，请立即签收并按预案处置。`,
  };
}

export function reportedText(incident: IncidentFacts, reporter: string) {
  return {
    title: `【新报告】${incident.orgName}${incident.title}`,
    body: `${facts(incident)}报告人：${reporter}。请签收，并核实情况、确认事件级别。`,
  };
}

export function escalationText(incident: IncidentFacts, level: SeverityLevel, step: number, unansweredMinutes: number) {
  return {
    title: `【升级·${levelName(level)}】${incident.orgName}${incident.title}`,
    body: `${facts(incident)}第${step - 1}步通知在${unansweredMinutes}分钟内无人签收，现按预案逐级通知您，请立即签收。`,
  };
}

export function taskOverdueText(incident: IncidentFacts, task: { title: string; dueAt: Date }, groupName: string) {
  return {
    title: `【任务逾期】${task.title}`,
    body: `${facts(incident)}${groupName}的任务“${task.title}”已超过完成时限（${when(task.dueAt)}），请督促落实。`,
  };
}
