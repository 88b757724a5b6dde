// A report upward as a formal document, composed from the blocks of the one official renderer.
import type { DeadlineTiming, IncidentReview, ReportContent, ReportFigures } from "@shared/incidents/report-schemas.ts";
import { ROLE_LABELS } from "@shared/roles.ts";
import { chinaDate, chinaTimeOfDay } from "@shared/duty/china-time.ts";
import { officialDate } from "@shared/official-text.ts";
import { type OfficialBlock, body, dateLine, heading, renderOfficialDocx, table, title } from "../../documents/official-docx.ts";

export interface ReportDocumentInput {
  title: string;
  incidentTitle: string;
  content: ReportContent;
  /** The final report's review. */
  review: IncidentReview | null;
  /** The date of issue: when sent, else approved, else now (a draft's print). */
  date: Date;
}

/** 2026年3月2日7时40分, in China's time. */
export function chinaDateTime(instant: Date): string {
  const [y, m, d] = chinaDate(instant).split("-").map(Number);
  const [hh, mm] = chinaTimeOfDay(instant).split(":").map(Number);
  return `${y}年${m}月${d}日${hh}时${mm}分`;
}

export function figuresText(figures: ReportFigures): string {
  const casualties =
    figures.deaths + figures.injuries + figures.missing === 0
      ? "未造成人员伤亡"
      : `造成${figures.deaths}人死亡、${figures.injuries}人受伤、${figures.missing}人失踪`;
  return `事件涉及${figures.peopleInvolved}人，现场围观约${figures.onlookers}人；${casualties}；直接经济损失约${figures.economicLoss}万元。`;
}

function timingSubject(timing: DeadlineTiming): string {
  switch (timing.kind) {
    case "acknowledgement":
      return `第${timing.step}步通知签收`;
    case "report":
      return `向${timing.to}${timing.followUpNo ? `第${timing.followUpNo}次续报` : "首报"}`;
    case "on_site":
      return `${timing.who ?? (timing.role ? ROLE_LABELS[timing.role].zh : "")}到达现场`;
    case "task":
      return `任务：${timing.taskTitle ?? ""}`;
  }
}

function timingResult(timing: DeadlineTiming): string {
  switch (timing.result) {
    case "on_time":
      return "按时完成";
    case "late":
      return `迟${timing.minutesLate}分钟`;
    case "never_met":
      return `未完成（超时${timing.minutesLate}分钟）`;
    case "not_due":
      return "结束时未到期";
    case "cancelled":
      return "已取消";
  }
}

const clock = (iso: string | null) => (iso ? chinaDateTime(new Date(iso)) : "—");
const paragraphs = (text: string) => text.split(/\n+/).filter((line) => line.trim()).map((line) => body(line.trim()));

function reviewBlocks(review: IncidentReview): OfficialBlock[] {
  const blocks: OfficialBlock[] = [heading(2, 1, "事件经过"), ...paragraphs(review.summary), heading(2, 2, "时限落实情况")];
  blocks.push(
    review.timings.length > 0
      ? table(
          [
            { title: "事项", widthMm: 50 },
            { title: "应完成时间", widthMm: 38 },
            { title: "实际完成时间", widthMm: 38 },
            { title: "情况", widthMm: 30 },
          ],
          review.timings.map((timing) => [timingSubject(timing), clock(timing.dueAt), clock(timing.metAt), timingResult(timing)]),
        )
      : body("本次事件未启动预案响应，无时限要求。"),
  );
  blocks.push(heading(2, 3, "经验教训"), ...paragraphs(review.lessons));
  if (review.followUpActions.length > 0) {
    blocks.push(
      heading(2, 4, "整改措施"),
      ...review.followUpActions.map((action, index) =>
        body(`${index + 1}. ${action.title}（责任：${[action.groupName, action.assigneeName].filter(Boolean).join("、")}；${officialDate(new Date(action.dueAt))}前完成）。`),
      ),
    );
  }
  return blocks;
}

export async function renderReportDocument(report: ReportDocumentInput): Promise<Buffer> {
  const { content, review } = report;
  const sections: [string, OfficialBlock[]][] = [
    ["事件基本情况", [body(`${chinaDateTime(new Date(content.occurredAt))}，${content.place}发生${report.incidentTitle}。`), ...paragraphs(content.summary)]],
    ["人员伤亡和财产损失", [body(figuresText(content.figures))]],
  ];
  const causeAndTrend = [content.cause && `事件原因：${content.cause}`, content.trend && `发展趋势：${content.trend}`].filter((text): text is string => Boolean(text));
  if (causeAndTrend.length > 0) sections.push(["事件原因和发展趋势", causeAndTrend.map((text) => body(text))]);
  if (content.measuresTaken) sections.push(["已采取的处置措施", paragraphs(content.measuresTaken)]);
  if (content.helpNeeded) sections.push(["需要协调解决的事项", paragraphs(content.helpNeeded)]);
  if (review) sections.push(["处置结果", paragraphs(review.outcome)], ["事件总结", reviewBlocks(review)]);

  const blocks: OfficialBlock[] = [title(report.title)];
  sections.forEach(([name, content], index) => blocks.push(heading(1, index + 1, name), ...content));
  const contact = [content.contactName && `联系人：${content.contactName}`, content.contactPhone && `联系电话：${content.contactPhone}`].filter(Boolean).join("　");
  if (contact) blocks.push(body(contact));
  // A draft prints with the signer's place left blank, to be signed on paper or on approval.
  blocks.push(body(`签发人：${content.signer ?? "＿＿＿＿"}`));
  if (content.attachments.length > 0) {
    blocks.push(...content.attachments.map((name, index) => body(`${index === 0 ? "附件：" : "　　　"}${content.attachments.length > 1 ? `${index + 1}. ` : ""}${name}`)));
  }
  blocks.push(...dateLine(content.reportingOrg, report.date));
  return renderOfficialDocx({ title: report.title, blocks });
}
