// A plan as a formal document: the chapters township plans are written in, composed from
// the blocks of the one official renderer.
import { MEMBER_POSITIONS, MEMBER_POSITION_LABELS, type MemberPosition } from "@shared/groups/schemas.ts";
import {
  EMERGENCY_CATEGORY_LABELS,
  type LevelResponse,
  type NotifyTargets,
  type PlanContent,
  type PlanStatus,
  SEVERITY_LEVELS,
  SEVERITY_LEVEL_LABELS,
  type SeverityLevel,
  type Thresholds,
} from "@shared/plans/schemas.ts";
import { ROLE_LABELS } from "@shared/roles.ts";
import { type CellSpec, type OfficialBlock, body, dateLine, heading, renderOfficialDocx, table, title } from "../../documents/official-docx.ts";

export interface PlanDocumentGroup {
  id: string;
  name: string;
  duties: string | null;
  members: { displayName: string; position: string }[];
}

export interface PlanDocumentInput {
  orgName: string;
  title: string;
  status: PlanStatus;
  content: PlanContent;
  /** Publication date, or the last edit of a draft. */
  date: Date;
  /** The plan's groups (its org chart), in the order the plan lists them. */
  groups: PlanDocumentGroup[];
  /** The name of every group the plan refers to, in the org chart or in a response. */
  groupNames: Map<string, string>;
}

const STATUS_SUFFIX: Record<PlanStatus, string> = { active: "", draft: "（草案）", retired: "（已废止）" };

const duration = (minutes: number) => (minutes % 60 === 0 ? `${minutes / 60}小时` : `${minutes}分钟`);
const levelName = (level: SeverityLevel) => `${SEVERITY_LEVEL_LABELS[level].zh}（${SEVERITY_LEVEL_LABELS[level].numeral}级）`;

function thresholdText({ minPeopleInvolved, minDeaths, minInjuries, minEconomicLoss, criteria }: Thresholds): string {
  const figures = [
    minPeopleInvolved !== null && `涉及人数${minPeopleInvolved}人以上`,
    minDeaths !== null && `造成${minDeaths}人以上死亡`,
    minInjuries !== null && `造成${minInjuries}人以上受伤`,
    minEconomicLoss !== null && `直接经济损失${minEconomicLoss}万元以上`,
  ].filter((text): text is string => Boolean(text));
  const parts = [figures.length > 0 ? `符合下列条件之一的：${figures.join("；")}。` : "", criteria ?? ""];
  return parts.join("").trim() || "由应急工作领导小组研究认定。";
}

export async function renderPlanDocument(plan: PlanDocumentInput): Promise<Buffer> {
  const groupName = plan.groupNames;
  const whom = (targets: NotifyTargets) =>
    [...targets.roles.map((role) => ROLE_LABELS[role].zh), ...targets.groupIds.map((id) => groupName.get(id) ?? "相关工作组")].join("、");
  const blocks: OfficialBlock[] = [title(`${plan.title}${STATUS_SUFFIX[plan.status]}`)];
  const chapters: [string, OfficialBlock[]][] = [];

  const general: [string, string | null][] = [
    ["编制目的", plan.content.purpose],
    ["编制依据", plan.content.basis],
    [
      "适用范围",
      [
        plan.content.scope ?? "",
        `本预案适用于${plan.orgName}行政区域内发生的下列突发事件：${plan.content.categories
          .map(({ category, subtypes }) => `${EMERGENCY_CATEGORY_LABELS[category].zh}${subtypes.length > 0 ? `（${subtypes.join("、")}）` : ""}`)
          .join("；")}。`,
      ].join(""),
    ],
    ["工作原则", plan.content.principles],
  ];
  chapters.push([
    "总则",
    general.filter(([, text]) => text).flatMap(([name, text], index) => [heading(2, index + 1, name), ...paragraphs(text!)]),
  ]);

  if (plan.groups.length > 0) {
    const rows: CellSpec[][] = plan.groups.flatMap((group) => {
      const members = [...group.members].sort((a, b) => rank(a.position) - rank(b.position));
      const span = Math.max(1, members.length);
      const people = members.length > 0 ? members : [{ displayName: "", position: "" }];
      return people.map((member, index) => [
        ...(index === 0 ? [{ text: group.name, rowSpan: span }] : []),
        member.position ? MEMBER_POSITION_LABELS[member.position as MemberPosition].zh : "",
        member.displayName,
        ...(index === 0 ? [{ text: group.duties ?? "", rowSpan: span }] : []),
      ]);
    });
    chapters.push([
      "组织机构及职责",
      [
        body(`${plan.orgName}设立以下领导小组和工作组，在领导小组统一领导下开展应急处置工作。`),
        table(
          [
            { title: "小组", widthMm: 36 },
            { title: "职务", widthMm: 20 },
            { title: "姓名", widthMm: 24 },
            { title: "职责", widthMm: 76 },
          ],
          rows,
        ),
      ],
    ]);
  }

  chapters.push(["事件分级", SEVERITY_LEVELS.flatMap((level, index) => [heading(2, index + 1, levelName(level)), body(thresholdText(plan.content.levels[level].thresholds))])]);
  chapters.push([
    "应急响应",
    SEVERITY_LEVELS.flatMap((level, index) => [heading(2, index + 1, `${SEVERITY_LEVEL_LABELS[level].numeral}级响应`), ...responseBlocks(plan.content.levels[level].response, whom, groupName)]),
  ]);

  chapters.forEach(([name, content], index) => blocks.push(heading(1, index + 1, name), ...content));
  blocks.push(...dateLine(plan.orgName, plan.date));
  return renderOfficialDocx({ title: plan.title, blocks });
}

const rank = (position: string) => MEMBER_POSITIONS.indexOf(position as MemberPosition);
const paragraphs = (text: string) => text.split(/\n+/).filter((line) => line.trim()).map((line) => body(line.trim()));

function responseBlocks(response: LevelResponse, whom: (targets: NotifyTargets) => string, groupName: Map<string, string>): OfficialBlock[] {
  const sections: [string, string[]][] = [
    ["响应启动", [`启动本级响应后，立即通知${whom(response.notify)}。`]],
    [
      "逐级通知",
      response.escalation.map((step, index) =>
        index === response.escalation.length - 1
          ? `第${index + 1}步：通知${whom(step.notify)}，须在${duration(step.ackWithinMinutes)}内确认。`
          : `第${index + 1}步：通知${whom(step.notify)}；${duration(step.ackWithinMinutes)}内未确认的，转下一步。`,
      ),
    ],
    [
      "信息报告",
      response.reports.map(
        (report) =>
          `${duration(report.initialWithinMinutes)}内向${report.to}首报${report.followUpEveryMinutes ? `，此后每${duration(report.followUpEveryMinutes)}续报一次，直至处置结束` : ""}。`,
      ),
    ],
    ["到达现场", response.onSite.map((deadline) => `${deadline.who ?? ROLE_LABELS[deadline.role].zh}须在${duration(deadline.withinMinutes)}内到达现场。`)],
    [
      "任务分工",
      response.tasks.map(
        (task) => `${groupName.get(task.groupId) ?? "相关工作组"}：${task.title}，${duration(task.dueWithinMinutes)}内完成。${task.description ?? ""}`,
      ),
    ],
  ];
  return sections
    .filter(([, lines]) => lines.length > 0)
    .flatMap(([name, lines], index) => [heading(3, index + 1, name), ...lines.map((line) => body(line))]);
}
