// The demonstration township's incidents: three closed ones of the last two months (a
// warehouse fire, a landslide, a school canteen food poisoning), each with its notifications,
// escalation, reports to the county, arrival on site, tasks, review and follow-up actions; and
// one flood still open, reported forty minutes before the load, so the live board is alive.
// Everything is played through the services by the people of the township (incident-story.ts).
import { addDays, chinaDate, chinaInstant } from "@shared/duty/china-time.ts";
import type { Clock } from "../clock.ts";
import type { Db } from "../db/client.ts";
import { type Story, startStory } from "./incident-story.ts";

const MINUTE_MS = 60_000;
const TOWNSHIP = "青山镇";
/** When the open incident was reported, before the load: its first deadlines have passed, the later ones still count down. */
export const OPEN_INCIDENT_MINUTES_AGO = 40;
export const OPEN_INCIDENT_TITLE = "河口村东河道洪水漫堤";

/** Incidents for the demonstration township; runs inside its loader's transaction, after the plans and rosters exist. */
export async function loadDemoIncidents(tx: Db, clock: Clock): Promise<void> {
  const now = clock.now();
  const today = chinaDate(now);
  /** A moment of the story: `daysAgo` days before the load date, at a time of day in China. */
  const day = (daysAgo: number, time: string) => chinaInstant(addDays(today, -daysAgo), time);
  const story = await startStory(tx, day(60, "00:00"));
  await warehouseFire(story, day);
  await landslide(story, day);
  await foodPoisoning(story, day);
  await openFlood(story, new Date(now.getTime() - OPEN_INCIDENT_MINUTES_AGO * MINUTE_MS), now);
}

type Day = (daysAgo: number, time: string) => Date;

/**
 * Level IV at night. Nobody on the duty phone acknowledges in time, so the plan reaches the
 * office (step 2), whose officer takes it; the cordon task runs late and its group's leader is
 * reminded. Initial, follow-up and final reports go up to the county.
 */
async function warehouseFire(s: Story, day: Day) {
  await s.until(day(54, "21:52"));
  const id = await s.report("duty", {
    category: "accident_disaster",
    subtype: "火灾事故",
    title: "工业园区华达物流仓库火灾",
    description: "青山镇工业园区华达物流有限公司3号仓库起火，仓内存放纸箱等包装材料，火势较大，浓烟明显。",
    place: "青山镇工业园区华达物流有限公司3号仓库",
    occurredAt: day(54, "21:40").toISOString(),
    source: "工业园区保安值班电话",
    peopleInvolved: 12,
    onlookers: 40,
    injuries: 1,
    economicLoss: 35,
    trend: "火势仍在蔓延，相邻厂房受到威胁。",
    measuresTaken: "已拨打119；园区保安组织仓库作业人员12人撤离，1人手臂轻微烧伤，已送镇卫生院。",
    reporterName: "刘卫国",
    reporterContact: "13905719288",
  });
  await s.until(day(54, "21:55"));
  await s.setLevel("duty", id, "IV");
  // Step 1 (the duty officers) passes unanswered at 22:05: the scheduler escalates to the office.
  await s.until(day(54, "22:08"));
  await s.acknowledge("officer", id, "escalation");
  await s.until(day(54, "22:09"));
  await s.note("officer", id, "已联系县消防救援大队，两辆消防车预计22时20分到场。");
  await s.until(day(54, "22:10"));
  await s.task("duty", id, "核实现场情况并报送信息", "done", "已与园区保安和仓库负责人核实：作业人员已全部撤出，无人员被困。");
  await s.until(day(54, "22:11"));
  const initial = await s.draftReport("duty", id, "initial", { measuresTaken: "已拨打119，县消防救援大队已出动；作业人员12人全部撤离，1人轻微烧伤送镇卫生院；镇带班领导正赶赴现场。" });
  await s.until(day(54, "22:12"));
  await s.acknowledge("duty", id, "incident_response");
  await s.until(day(54, "22:13"));
  await s.approveReport("leader", id, initial);
  await s.until(day(54, "22:14"));
  await s.sendReport("duty", id, initial);
  await s.until(day(54, "22:16"));
  await s.acknowledge("county-duty", id, "report_received");
  await s.until(day(54, "22:21"));
  await s.onSite("leader", id, "到达现场，成立现场指挥部，配合消防救援。");
  // The cordon task is due at 22:25 and not yet done: its group's leader is reminded.
  await s.until(day(54, "22:31"));
  await s.acknowledge("leader-deputy", id, "task_overdue");
  await s.task("leader-deputy", id, "组织先期处置，设置现场警戒", "in_progress", "正在疏散相邻厂房人员。");
  await s.until(day(54, "22:50"));
  await s.task("leader-deputy", id, "组织先期处置，设置现场警戒", "done", "现场警戒已设置，相邻两家厂房人员已全部疏散。");
  await s.until(day(54, "23:35"));
  await s.update("officer", id, {
    economicLoss: 42,
    trend: "明火已于23时20分扑灭，消防救援人员正在清理余火，无复燃迹象。",
    measuresTaken: "消防救援大队扑灭明火；伤者经处置后无大碍；仓库负责人已配合调查起火原因。",
  });
  await s.reportUp(id, "follow_up", { by: "officer", approvedBy: "leader" }, [day(54, "23:40"), day(54, "23:44"), day(54, "23:45")]);
  await s.until(day(54, "23:50"));
  await s.acknowledge("county-duty", id, "report_received");

  await s.until(day(53, "01:20"));
  await s.close("leader", id, {
    outcome: "明火于23时20分扑灭，无人员死亡，1人轻微烧伤；过火面积约600平方米，直接经济损失约42万元。",
    finalFigures: { peopleInvolved: 12, onlookers: 40, deaths: 0, injuries: 1, missing: 0, economicLoss: 42 },
    review: {
      summary: "接报后镇值班室及时启动一般事故响应，县消防救援大队到场扑救，约一个半小时扑灭明火，作业人员全部安全撤离。",
      lessons: "夜间值班电话接报后未在10分钟内签收，系统升级通知至镇应急办后才有人签收；现场警戒任务晚于时限完成。需落实夜间值班签收要求，并督促园区企业保持消防通道畅通。",
      followUpActions: [
        { title: "督促华达物流清理堵塞的消防通道并复查", groupId: null, assigneeId: s.actor("officer2").accountId, dueAt: day(46, "17:00").toISOString() },
        { title: "开展工业园区仓储企业消防安全专项检查", groupId: s.groupId("应急处置组"), assigneeId: null, dueAt: day(39, "17:00").toISOString() },
      ],
    },
  });
  await s.reportUp(id, "final", { by: "officer", approvedBy: "leader" }, [day(52, "09:30"), day(52, "10:00"), day(52, "10:05")], { cause: "经县消防救援大队初步调查，起火原因为仓库内电动叉车充电线路短路。" });
  await s.until(day(52, "10:20"));
  await s.acknowledge("county-duty", id, "report_received");
  await s.until(day(48, "16:00"));
  await s.task("officer2", id, "督促华达物流清理堵塞的消防通道并复查", "done", "已复查，消防通道堆放的货物已全部清理。");
  await s.until(day(42, "15:00"));
  await s.task("leader-deputy", id, "开展工业园区仓储企业消防安全专项检查", "done", "检查仓储企业9家，发现隐患14处，已全部下发整改通知并限期整改。");
}

/**
 * Level III before dawn. The duty officer acknowledges at once; both leaders reach the site
 * in time; the second follow-up report goes up late, and the publicity task runs late.
 */
async function landslide(s: Story, day: Day) {
  await s.until(day(38, "04:35"));
  const id = await s.report("duty2", {
    category: "natural_disaster",
    subtype: "地质灾害",
    title: "竹林村后山组山体滑坡",
    description: "持续强降雨引发竹林村后山组山体滑坡，约2000立方米土石冲毁村道，2户民房后墙受损，1户房屋部分倒塌。",
    place: "竹林村后山组",
    occurredAt: day(38, "04:20").toISOString(),
    source: "竹林村信息员电话报告",
    peopleInvolved: 46,
    injuries: 2,
    economicLoss: 120,
    trend: "降雨仍在持续，滑坡体后缘出现新裂缝，存在再次滑坡的危险。",
    measuresTaken: "村两委已组织后山组46名群众转移至村小学，2名轻伤群众已送镇卫生院。",
    reporterName: "周国强",
    reporterContact: "13905719006",
  });
  await s.until(day(38, "04:38"));
  await s.setLevel("duty2", id, "III");
  await s.until(day(38, "04:41"));
  await s.acknowledge("duty2", id, "incident_response");
  await s.reportUp(id, "initial", { by: "duty2", approvedBy: "leader-deputy" }, [day(38, "04:50"), day(38, "04:52"), day(38, "04:54")], { helpNeeded: "请求县自然资源局派地质灾害专家到场研判。" });
  await s.until(day(38, "04:55"));
  await s.task("duty2", id, "核实现场情况并报送信息", "done", "已与村支书核实：后山组应转移群众46人已全部转移。");
  await s.until(day(38, "04:57"));
  await s.acknowledge("county-duty", id, "report_received");
  await s.until(day(38, "05:02"));
  await s.onSite("leader-deputy", id, "到达竹林村，组织现场警戒和群众转移安置。");
  await s.until(day(38, "05:05"));
  await s.task("officer2", id, "组织伤员救治", "done", "2名轻伤群众经镇卫生院处置，无生命危险。");
  await s.until(day(38, "05:06"));
  await s.task("leader-deputy", id, "组织先期处置，设置现场警戒", "done", "滑坡体周边200米已设置警戒，村道已封闭。");
  await s.until(day(38, "05:30"));
  await s.onSite("leader", id, "到达现场，召开现场会议部署转移安置和监测工作。");
  await s.until(day(38, "05:35"));
  await s.task("officer2", id, "调配应急物资，安置受影响群众", "done", "已调运帐篷10顶、棉被100床、食品饮用水一批至村小学安置点。");
  await s.reportUp(id, "follow_up", { by: "officer", approvedBy: "leader" }, [day(38, "05:45"), day(38, "05:50"), day(38, "05:52")], { trend: "县地质灾害专家已在赶赴现场途中，降雨有所减弱。" });
  // The publicity task (due 05:38) is already overdue: its group's leader was reminded.
  await s.until(day(38, "05:55"));
  await s.acknowledge("mediator", id, "task_overdue");
  await s.until(day(38, "06:10"));
  await s.task("officer", id, "发布权威信息和防范提示", "done", "已通过村村响广播和村民微信群发布避险提示。");
  await s.until(day(38, "06:30"));
  await s.acknowledge("county-duty", id, "report_received");
  await s.reportUp(id, "follow_up", { by: "officer", approvedBy: "leader" }, [day(38, "07:05"), day(38, "07:08"), day(38, "07:10")], {
    trend: "经县地质灾害专家研判，滑坡体已基本稳定，暂无再次滑坡迹象。",
    measuresTaken: "转移群众46人已在村小学和亲友家妥善安置；滑坡点实行24小时专人监测。",
  });
  await s.until(day(38, "07:15"));
  await s.acknowledge("county-duty", id, "report_received");

  await s.until(day(38, "08:00"));
  await s.close("leader", id, {
    outcome: "滑坡体经县地质灾害专家研判已基本稳定，转移群众46人全部妥善安置，2人轻伤，无人员死亡；直接经济损失约150万元。",
    finalFigures: { peopleInvolved: 46, onlookers: 0, deaths: 0, injuries: 2, missing: 0, economicLoss: 150 },
    review: {
      summary: "镇值班室接报后3分钟内启动较大自然灾害响应，带班领导和镇主要领导按时到场，群众转移及时，未造成人员死亡。",
      lessons: "第二次续报晚于时限；防范提示发布晚于时限。需在响应启动时明确宣传报道组的值守人员，并提前准备常用防范提示文本。",
      followUpActions: [
        { title: "完成受损房屋安全鉴定，组织群众有序返家", groupId: s.groupId("后勤保障组"), assigneeId: null, dueAt: day(31, "17:00").toISOString() },
        { title: "将后山组滑坡点纳入地质灾害隐患点，落实群测群防责任人", groupId: null, assigneeId: s.actor("officer").accountId, dueAt: day(24, "17:00").toISOString() },
      ],
    },
  });
  await s.reportUp(id, "final", { by: "officer", approvedBy: "leader" }, [day(36, "10:00"), day(36, "10:30"), day(36, "10:35")]);
  await s.until(day(36, "11:00"));
  await s.acknowledge("county-duty", id, "report_received");
  await s.until(day(31, "16:00"));
  await s.task("officer2", id, "完成受损房屋安全鉴定，组织群众有序返家", "done", "房屋安全鉴定已完成，42人已返家，1户4人在亲友家过渡安置。");
  await s.until(day(26, "11:00"));
  await s.task("officer", id, "将后山组滑坡点纳入地质灾害隐患点，落实群测群防责任人", "done", "已纳入县地质灾害隐患点名录，监测责任人为竹林村村委会主任。");
}

/**
 * A school canteen at lunch, within the weeks the roster covers: the people on duty that day
 * take it. The figures suggest level IV; the leader on duty responds at level III, with the
 * reason. One follow-up action is still being carried out.
 */
async function foodPoisoning(s: Story, day: Day) {
  const township = s.orgId(TOWNSHIP);
  const reportedAt = day(11, "13:25");
  const onDuty = await s.onDuty(township, reportedAt);
  const otherLeader = onDuty.leader === "leader" ? "leader-deputy" : "leader";
  await s.until(reportedAt);
  const id = await s.report(onDuty.officer, {
    category: "public_health",
    subtype: "食物中毒",
    title: "青山镇中心小学学生疑似食物中毒",
    description: "青山镇中心小学部分学生午餐后出现腹痛、呕吐等症状，已有9名学生送镇卫生院观察治疗。",
    place: "青山镇中心小学食堂",
    occurredAt: day(11, "12:50").toISOString(),
    source: "学校安全办电话报告",
    peopleInvolved: 9,
    injuries: 9,
    trend: "仍有学生陆续出现症状。",
    measuresTaken: "学校已停止食堂供餐，封存当日留样食品，通知学生家长。",
    reporterName: "杜文博",
    reporterContact: "13905719024",
  });
  await s.until(day(11, "13:30"));
  await s.setLevel(onDuty.leader, id, "III", "涉及在校学生，社会关注度高，按较大事件启动响应。");
  await s.until(day(11, "13:33"));
  await s.acknowledge(onDuty.officer, id, "incident_response");
  await s.until(day(11, "13:45"));
  const initial = await s.draftReport(onDuty.officer, id, "initial");
  await s.until(day(11, "13:47"));
  await s.task("officer", id, "核实现场情况并报送信息", "done", "已与学校和镇卫生院核实发病学生人数和症状。");
  await s.until(day(11, "13:48"));
  await s.approveReport(onDuty.leader, id, initial);
  await s.until(day(11, "13:49"));
  await s.sendReport(onDuty.officer, id, initial);
  await s.until(day(11, "13:52"));
  await s.acknowledge("county-duty", id, "report_received");
  await s.onSite(onDuty.leader, id, "到达学校，协调学校和卫生院救治学生、安抚家长。");
  await s.until(day(11, "13:55"));
  await s.task("leader-deputy", id, "组织先期处置，设置现场警戒", "done", "食堂已暂停供餐并封存留样食品和原料。");
  await s.until(day(11, "13:58"));
  await s.task("officer2", id, "组织伤员救治", "done", "发病学生在镇卫生院救治，其中3名转县人民医院观察。");
  await s.until(day(11, "14:15"));
  await s.onSite(otherLeader, id, "到达县人民医院看望转院学生，听取救治情况汇报。");
  await s.until(day(11, "14:20"));
  await s.task("officer2", id, "调配应急物资，安置受影响群众", "done", "已协调车辆接送学生家长往返医院。");
  await s.until(day(11, "14:25"));
  await s.task("officer", id, "发布权威信息和防范提示", "done", "已通过学校家长群通报情况和处置措施。");
  await s.until(day(11, "14:40"));
  await s.update("officer", id, {
    peopleInvolved: 12,
    injuries: 12,
    cause: "初步判断为午餐凉拌菜受污染，具体原因待县疾控中心检测。",
    trend: "3名转院学生病情稳定，14时后未出现新增病例。",
  });
  await s.reportUp(id, "follow_up", { by: "officer", approvedBy: onDuty.leader }, [day(11, "14:42"), day(11, "14:46"), day(11, "14:48")]);
  await s.until(day(11, "14:55"));
  await s.acknowledge("county-duty", id, "report_received");

  await s.until(day(11, "15:40"));
  await s.close("leader", id, {
    outcome: "12名发病学生经治疗病情稳定，无重症和死亡病例；学校食堂停业整顿，留样食品已送县疾控中心检测。",
    finalFigures: { peopleInvolved: 12, onlookers: 0, deaths: 0, injuries: 12, missing: 0, economicLoss: 3 },
    review: {
      summary: "接报后5分钟内按较大事件启动响应，各项时限均按时完成，发病学生得到及时救治，家长情绪稳定。",
      lessons: "学校食堂凉拌菜加工不符合生熟分开要求，晨检和留样制度执行不到位。需举一反三，开展全镇学校食堂食品安全检查。",
      followUpActions: [
        { title: "配合县疾控中心完成流行病学调查和留样检测", groupId: s.groupId("综合组"), assigneeId: null, dueAt: day(6, "17:00").toISOString() },
        { title: "督促学校食堂整改，验收合格后恢复供餐", groupId: null, assigneeId: s.actor("officer2").accountId, dueAt: day(1, "17:00").toISOString() },
        { title: "开展全镇学校和幼儿园食堂食品安全专项检查", groupId: s.groupId("应急处置组"), assigneeId: null, dueAt: day(-9, "17:00").toISOString() },
      ],
    },
  });
  await s.reportUp(id, "final", { by: "officer", approvedBy: "leader" }, [day(10, "10:00"), day(10, "10:30"), day(10, "10:40")], { cause: "经县疾控中心检测，午餐凉拌黄瓜中检出副溶血性弧菌，系生熟交叉污染所致。" });
  await s.until(day(10, "11:00"));
  await s.acknowledge("county-duty", id, "report_received");
  await s.until(day(8, "16:30"));
  await s.task("officer", id, "配合县疾控中心完成流行病学调查和留样检测", "done", "检测结果：凉拌黄瓜检出副溶血性弧菌。");
  await s.until(day(5, "09:00"));
  await s.task("officer2", id, "督促学校食堂整改，验收合格后恢复供餐", "in_progress", "食堂已完成生熟分区改造，待市场监管所验收。");
  await s.until(day(2, "15:00"));
  await s.task("officer2", id, "督促学校食堂整改，验收合格后恢复供餐", "done", "市场监管所验收合格，食堂已恢复供餐。");
  await s.until(day(1, "10:00"));
  await s.task("leader-deputy", id, "开展全镇学校和幼儿园食堂食品安全专项检查", "in_progress", "已检查学校食堂3家、幼儿园食堂2家，剩余4家本周内完成。");
}

/**
 * Open at the load: level III for a flood on the village river the duty logbook has been
 * watching. Acknowledged and reported up in time, the leader on duty on site; the cordon task
 * is overdue; the main leader's arrival, two tasks and the next follow-up report still count
 * down; the county has not yet acknowledged the initial report.
 */
async function openFlood(s: Story, reportedAt: Date, now: Date) {
  const after = (minutes: number) => new Date(reportedAt.getTime() + minutes * MINUTE_MS);
  const onDuty = await s.onDuty(s.orgId(TOWNSHIP), reportedAt);
  await s.until(reportedAt);
  const id = await s.report(onDuty.officer, {
    category: "natural_disaster",
    subtype: "防汛防台",
    title: OPEN_INCIDENT_TITLE,
    description: "受持续强降雨影响，河口村东河道水位超过警戒水位，沿河低洼处河水漫堤，部分农田和村道被淹。",
    place: "河口村东河道沿河低洼地段",
    occurredAt: new Date(reportedAt.getTime() - 12 * MINUTE_MS).toISOString(),
    source: "河口村信息员电话报告",
    peopleInvolved: 32,
    trend: "上游来水仍在增加，水位继续上涨。",
    measuresTaken: "村两委已组织沿河低洼处群众转移。",
    reporterName: "王建国",
    reporterContact: "13905719004",
  });
  await s.until(after(3));
  await s.setLevel(onDuty.officer, id, "III");
  await s.until(after(6));
  await s.acknowledge(onDuty.officer, id, "incident_response");
  await s.until(after(10));
  const initial = await s.draftReport(onDuty.officer, id, "initial");
  await s.until(after(15));
  await s.approveReport(onDuty.leader, id, initial);
  await s.task("leader-deputy", id, "组织先期处置，设置现场警戒", "in_progress", "沿河路段正在设置警戒，组织群众转移。");
  await s.until(after(17));
  await s.sendReport(onDuty.officer, id, initial);
  await s.until(after(18));
  await s.task("officer", id, "核实现场情况并报送信息", "done", "已与河口村支书核实：沿河低洼处需转移群众32人，暂无人员伤亡。");
  await s.until(after(20));
  await s.task("officer2", id, "组织伤员救治", "cancelled", "经核实暂无人员受伤，镇卫生院救护车在安置点待命。");
  await s.until(after(22));
  await s.task("officer2", id, "调配应急物资，安置受影响群众", "in_progress", "已调拨冲锋舟2艘、救生衣50件，安置点正在准备。");
  await s.until(after(26));
  await s.onSite(onDuty.leader, id, "到达河口村，现场指挥群众转移。");
  await s.until(after(35));
  await s.note(onDuty.officer, id, "已转移沿河低洼处群众32人至河口村村委会临时安置点，暂无人员伤亡。");
  await s.until(now);
}
