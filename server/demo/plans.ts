// The demonstration township's groups and emergency plans, modelled on how township plans
// are written: a leadership group with five working groups, and one plan in force per
// national category with the usual thresholds and deadlines. Names of people are invented.
import type { GroupKind, MemberPosition } from "@shared/groups/schemas.ts";
import { type EmergencyCategory, type LevelResponse, PlanContent, type PlanContentInput, type SeverityLevel } from "@shared/plans/schemas.ts";
import type { Role } from "@shared/roles.ts";
import type { Clock } from "../clock.ts";
import type { Db } from "../db/client.ts";
import { insertGroup, insertMemberships } from "../modules/groups/queries.ts";
import { insertPlan, insertVersion } from "../modules/plans/queries.ts";

interface DemoGroup {
  key: string;
  kind: GroupKind;
  name: string;
  duties: string;
  members: [username: string, position: MemberPosition][];
}

const TOWNSHIP_GROUPS: DemoGroup[] = [
  {
    key: "lead",
    kind: "leadership",
    name: "青山镇突发事件应急工作领导小组",
    duties: "统一领导、指挥和协调全镇突发事件应对工作；研究决定应急响应的启动、调整和终止；向县委、县政府报告工作。",
    members: [["leader", "leader"], ["leader-deputy", "deputy"], ["officer", "member"], ["officer2", "member"], ["inspector", "member"]],
  },
  {
    key: "general",
    kind: "working",
    name: "综合组",
    duties: "负责信息收集、汇总和报送，组织会议，协调各工作组，做好值班值守和文字材料工作。",
    members: [["officer", "leader"], ["duty", "member"], ["duty2", "member"]],
  },
  {
    key: "response",
    kind: "working",
    name: "应急处置组",
    duties: "负责组织人员转移疏散、现场警戒和先期处置，配合专业救援力量开展救援。",
    members: [["leader-deputy", "leader"], ["inspector", "deputy"], ["reporter-hekou", "member"], ["reporter-shiqiao", "member"]],
  },
  {
    key: "logistics",
    kind: "working",
    name: "后勤保障组",
    duties: "负责应急物资、车辆、通信和生活保障，做好受影响群众的临时安置。",
    members: [["officer2", "leader"], ["reporter", "member"]],
  },
  {
    key: "publicity",
    kind: "working",
    name: "宣传报道组",
    duties: "负责向群众发布权威信息和防范提示，解答群众关切，做好新闻媒体接待工作。",
    members: [["mediator", "leader"], ["reporter-qingshan", "member"]],
  },
  {
    key: "medical",
    kind: "working",
    name: "医疗保障组",
    duties: "负责组织伤员救治和卫生防疫，协调县级医疗力量支援。",
    members: [["reporter-xinjie", "leader"], ["reporter-taoyuan", "member"]],
  },
];

const UNIT_GROUPS: { org: string; groups: DemoGroup[] }[] = [
  {
    org: "青山镇中心小学",
    groups: [
      { key: "lead", kind: "leadership", name: "青山镇中心小学安全工作领导小组", duties: "负责学校安全工作和突发事件先期处置，及时向镇政府报告。", members: [["school-safety", "leader"]] },
      { key: "evacuation", kind: "working", name: "疏散引导组", duties: "负责组织师生按预定路线疏散，清点人数，照看受伤师生。", members: [["school-safety", "leader"]] },
    ],
  },
  {
    org: "青山镇安置房建设项目",
    groups: [
      { key: "lead", kind: "leadership", name: "安置房建设项目安全生产领导小组", duties: "负责项目安全生产管理和事故先期处置，及时向镇政府报告。", members: [["project-safety", "leader"]] },
      { key: "rescue", kind: "working", name: "现场抢险组", duties: "负责事故现场抢险、警戒和人员清点，配合专业救援力量开展救援。", members: [["project-safety", "leader"]] },
    ],
  },
];

const THRESHOLDS: Record<SeverityLevel, PlanContentInput["levels"]["I"]["thresholds"]> = {
  I: { minPeopleInvolved: 100, minDeaths: 10, minInjuries: 50, minEconomicLoss: 1000, criteria: "超出本镇处置能力、需由县级以上统一组织处置的。" },
  II: { minPeopleInvolved: 50, minDeaths: 3, minInjuries: 30, minEconomicLoss: 500 },
  III: { minPeopleInvolved: 20, minDeaths: 2, minInjuries: 10, minEconomicLoss: 100 },
  IV: { minPeopleInvolved: 10, minDeaths: 1, minInjuries: 3, minEconomicLoss: 10 },
};

const PLANS: { category: EmergencyCategory; title: string; subtypes: string[]; purpose: string; basis: string }[] = [
  {
    category: "natural_disaster",
    title: "青山镇自然灾害应急预案",
    subtypes: ["防汛防台", "地质灾害", "森林火灾", "低温雨雪冰冻"],
    purpose: "为有效防范和应对自然灾害，最大程度减少人员伤亡和财产损失，保障人民群众生命财产安全，制定本预案。",
    basis: "《中华人民共和国突发事件应对法》《自然灾害救助条例》《临江县自然灾害应急预案》等法律法规和有关规定。",
  },
  {
    category: "accident_disaster",
    title: "青山镇安全生产事故应急预案",
    subtypes: ["道路交通事故", "火灾事故", "建筑施工事故", "危险化学品事故"],
    purpose: "为及时有效处置本镇安全生产事故，控制事态发展，减少人员伤亡和财产损失，制定本预案。",
    basis: "《中华人民共和国突发事件应对法》《中华人民共和国安全生产法》《生产安全事故应急条例》等法律法规和有关规定。",
  },
  {
    category: "public_health",
    title: "青山镇突发公共卫生事件应急预案",
    subtypes: ["传染病疫情", "群体性不明原因疾病", "食物中毒"],
    purpose: "为有效预防、及时控制和消除突发公共卫生事件的危害，保障公众身体健康与生命安全，制定本预案。",
    basis: "《中华人民共和国突发事件应对法》《中华人民共和国传染病防治法》《突发公共卫生事件应急条例》等法律法规和有关规定。",
  },
  {
    category: "social_security",
    title: "青山镇社会安全事件应急预案",
    subtypes: ["重大刑事案件", "大型活动人员聚集安全事件", "校园安全事件"],
    purpose: "为及时有效处置本镇社会安全事件，保护人民群众生命财产安全，维护正常社会秩序，制定本预案。",
    basis: "《中华人民共和国突发事件应对法》《大型群众性活动安全管理条例》等法律法规和有关规定。",
  },
];

/** How fast each level moves: acknowledgement per escalation step, and the report to the county. */
const PACE: Record<SeverityLevel, { ack: number; county: number | null; followUp: number }> = {
  I: { ack: 5, county: 30, followUp: 30 },
  II: { ack: 5, county: 60, followUp: 60 },
  III: { ack: 10, county: 120, followUp: 60 },
  IV: { ack: 10, county: null, followUp: 120 },
};

function response(level: SeverityLevel, g: Record<string, string>): LevelResponse {
  const pace = PACE[level];
  const severe = level !== "IV";
  const notify = (roles: Role[], groupIds: string[] = []) => ({ roles, groupIds });
  return {
    notify: notify(["duty", "officer"], severe ? [g.general!, g.response!] : [g.general!]),
    escalation: [
      { notify: notify(["duty"]), ackWithinMinutes: pace.ack },
      { notify: notify(["officer"], [g.general!]), ackWithinMinutes: pace.ack },
      { notify: notify(["leader"], severe ? [g.lead!] : []), ackWithinMinutes: pace.ack },
    ],
    reports: [
      { to: "镇党委、镇政府（镇应急办）", initialWithinMinutes: 20, followUpEveryMinutes: pace.followUp },
      ...(pace.county ? [{ to: "县应急管理局", initialWithinMinutes: pace.county, followUpEveryMinutes: pace.followUp }] : []),
    ],
    onSite: [
      { role: "leader", who: "带班领导", withinMinutes: 30 },
      ...(severe ? [{ role: "leader" as const, who: "镇主要领导", withinMinutes: level === "III" ? 60 : 30 }] : []),
    ],
    tasks: [
      { groupId: g.general!, title: "核实现场情况并报送信息", description: null, dueWithinMinutes: 20 },
      { groupId: g.response!, title: "组织先期处置，设置现场警戒", description: null, dueWithinMinutes: 30 },
      ...(severe
        ? [
            { groupId: g.logistics!, title: "调配应急物资，安置受影响群众", description: null, dueWithinMinutes: 60 },
            { groupId: g.medical!, title: "组织伤员救治", description: null, dueWithinMinutes: 30 },
            { groupId: g.publicity!, title: "发布权威信息和防范提示", description: null, dueWithinMinutes: 60 },
          ]
        : []),
    ],
  };
}

const levelSpec = (level: SeverityLevel, g: Record<string, string>) => ({ thresholds: THRESHOLDS[level], response: response(level, g) });

/** Groups and plans for the demonstration township; runs inside its loader's transaction. */
export async function loadDemoPlans(tx: Db, clock: Clock): Promise<void> {
  const now = clock.now();
  const orgNamed = async (name: string) => (await tx.query.orgs.findFirst({ where: (o, { eq }) => eq(o.name, name) }))!;
  const accountId = async (username: string) => (await tx.query.accounts.findFirst({ where: (a, { eq }) => eq(a.username, username) }))!.id;
  const addGroups = async (orgId: string, groups: DemoGroup[]) => {
    const ids: Record<string, string> = {};
    for (const group of groups) {
      const row = await insertGroup(tx, {
        orgId,
        kind: group.kind,
        name: group.name,
        duties: group.duties,
        parentId: group.kind === "working" ? ids.lead! : null,
        createdAt: now,
        updatedAt: now,
      });
      ids[group.key] = row.id;
      const members = [];
      for (const [username, position] of group.members) members.push({ groupId: row.id, accountId: await accountId(username), position, joinedAt: now });
      await insertMemberships(tx, members);
    }
    return ids;
  };

  const township = await orgNamed("青山镇");
  const g = await addGroups(township.id, TOWNSHIP_GROUPS);
  for (const unit of UNIT_GROUPS) await addGroups((await orgNamed(unit.org)).id, unit.groups);

  const leader = await accountId("leader");
  for (const plan of PLANS) {
    const content = PlanContent.parse({
      purpose: plan.purpose,
      basis: plan.basis,
      scope: "本预案适用于本镇行政区域内各类突发事件的预防与应急准备、监测与预警、应急处置与救援、事后恢复与重建等工作。",
      categories: [{ category: plan.category, subtypes: plan.subtypes }],
      principles: "以人为本、预防为主；统一领导、分级负责；属地为主、快速反应；依法规范、科学处置。",
      groupIds: TOWNSHIP_GROUPS.map((group) => g[group.key]!),
      levels: { I: levelSpec("I", g), II: levelSpec("II", g), III: levelSpec("III", g), IV: levelSpec("IV", g) },
    } satisfies PlanContentInput);
    const row = await insertPlan(tx, { orgId: township.id, createdAt: now, updatedAt: now });
    await insertVersion(tx, {
      planId: row.id,
      versionNo: 1,
      status: "active",
      title: plan.title,
      categories: [plan.category],
      content,
      createdBy: leader,
      createdAt: now,
      updatedAt: now,
      publishedAt: now,
      publishedBy: leader,
    });
  }
}
