// The demonstration township's disputes: about sixty over the half year before the load, each
// registered, decided, mediated, concluded, followed up, referred or moved up by the people of
// the township through the real services (dispute-story.ts), as dispute-plan.ts lays them
// out; and the semi-monthly screening reports each committee filed meanwhile, mostly on time.
import type { ScreeningKind } from "@shared/disputes/schemas.ts";
import { nextPeriodStart, periodStartAt, screeningPeriod } from "@shared/disputes/screening-periods.ts";
import { addDays, chinaDate, chinaInstant } from "@shared/duty/china-time.ts";
import type { Clock } from "../clock.ts";
import type { Db } from "../db/client.ts";
import { nextPendingDue } from "../deadlines/deadlines.ts";
import { DISPUTE_SUBJECT } from "../modules/disputes/queries.ts";
import { CASE_TEXTS, type CaseText } from "./dispute-cases.ts";
import { type DemoPerson, type Random, creditCode, mobilePhone, personMaker, seededRandom } from "./dispute-people.ts";
import { DISPUTE_PLANS, type DisputePlan, RISK_REASONS } from "./dispute-plan.ts";
import { type DisputeStory, type Registration, startDisputeStory } from "./dispute-story.ts";

const TOWNSHIP = "青山镇";
const DAYS_BACK = 182;

/** Who decides and mediates an org's cases, who writes its register, and who files its screening report. */
interface Committee {
  handler: string;
  mediators: string[];
  registrar: string;
  filer: string;
  place: string;
}

const village = (slug: string, place: string): Committee => ({ handler: `mediator-${slug}`, mediators: [`mediator-${slug}`, `cadre-${slug}`], registrar: `mediator-${slug}`, filer: `mediator-${slug}`, place });
/**
 * A village without a committee member of its own: the township's mediator takes its cases
 * and files its screening report on its behalf; its reporter writes its cases down.
 */
const servedVillage = (slug: string, place: string): Committee => ({ handler: "mediator", mediators: ["mediator", "officer2"], registrar: `reporter-${slug}`, filer: "mediator", place });

const COMMITTEES: Record<string, Committee> = {
  [TOWNSHIP]: { handler: "officer", mediators: ["officer", "mediator"], registrar: "officer", filer: "officer", place: "青山镇矛盾纠纷调处化解中心" },
  青山社区: village("qingshan", "青山社区人民调解室"),
  河口村: village("hekou", "河口村人民调解室"),
  石桥村: village("shiqiao", "石桥村人民调解室"),
  杨柳村: { handler: "mediator", mediators: ["cadre-yangliu", "mediator"], registrar: "cadre-yangliu", filer: "cadre-yangliu", place: "杨柳村村委会会议室" },
  桃园村: servedVillage("taoyuan", "桃园村村委会调解室"),
  竹林村: servedVillage("zhulin", "竹林村村委会调解室"),
  新街社区: servedVillage("xinjie", "新街社区党群服务中心"),
  东岗村: servedVillage("donggang", "东岗村村委会调解室"),
};

/** Reports never filed: the board shows them as missing. */
const MISSING_REPORTS = [
  { org: "竹林村", periodsAgo: 7 },
  { org: "东岗村", periodsAgo: 2 },
];

/** Disputes and screening reports for the demonstration township; runs in its loader's transaction, after the incidents. */
export async function loadDemoDisputes(tx: Db, clock: Clock): Promise<void> {
  const now = clock.now();
  const today = chinaDate(now);
  const random = seededRandom(20_260_311);
  // What came in the last three days still waits on the staff's boards; the rest was answered.
  const story = await startDisputeStory(tx, chinaInstant(addDays(today, -DAYS_BACK)), chinaInstant(addDays(today, -3)));
  const people = personMaker(random);
  for (const plan of DISPUTE_PLANS) playCase(story, random, people, plan, today);
  fileScreeningReports(story, random, today, now);
  await story.play(now);
  // What is still pending is days ahead, whatever the time of day of the load: a browser test
  // on the served demo never sees one fire.
  const next = await nextPendingDue(tx, DISPUTE_SUBJECT, chinaInstant(addDays(today, 1)));
  if (next) throw new Error(`a demo dispute deadline falls due later on the day of the load, at ${next.toISOString()}`);
}

const pad = (n: number) => String(n).padStart(2, "0");

const SCREENING_KINDS: ScreeningKind[] = ["routine", "routine", "routine", "periodic", "periodic", "special", "joint"];

function registration(plan: DisputePlan, text: CaseText, orgId: string, applicant: DemoPerson, respondent: { name: string; idNumber: string; phone: string; company: boolean }, occurredAt: Date, random: Random): Registration {
  const atTownship = plan.org === TOWNSHIP;
  const administrative = atTownship && (text.type === "labour_wages" || text.type === "housing_demolition");
  const source = { s: "screening", w: "walk_in", p: "phone", police: "referral", court: "referral", a: "self_reported" } as const;
  return {
    orgId,
    source: source[plan.source],
    ...(plan.source === "s" ? { screeningKind: random.pick(SCREENING_KINDS) } : {}),
    ...(plan.source === "police" ? { referredBy: "police" as const, referringBody: "临江县公安局青山派出所" } : {}),
    ...(plan.source === "court" ? { referredBy: "court" as const, referringBody: "临江县人民法院青山人民法庭" } : {}),
    type: text.type,
    summary: text.summary(applicant.name, respondent.name),
    claims: text.claims(applicant.name, respondent.name),
    amountInDispute: text.amount,
    peopleInvolved: text.people,
    occurredAt,
    risk: plan.risk ?? "low",
    ...(plan.risk ? { riskReason: RISK_REASONS[plan.risk][text.type] ?? RISK_REASONS[plan.risk].default } : {}),
    level: atTownship ? "township" : "village",
    route: plan.source === "court" ? "judicial" : administrative ? "administrative" : "people",
    parties: [
      { side: "applicant", kind: "person", name: applicant.name, contactPhone: applicant.phone, idNumber: applicant.idNumber },
      { side: "respondent", kind: respondent.company ? "organisation" : "person", name: respondent.name, contactPhone: respondent.phone, idNumber: respondent.idNumber },
    ],
  };
}

/** Queues the acts of one case, from its registration `plan.daysAgo` days before the load to its fate. */
function playCase(s: DisputeStory, random: Random, people: () => DemoPerson, plan: DisputePlan, today: string) {
  const text = CASE_TEXTS[plan.text]!;
  const applicant = people();
  const respondent = text.company ? { name: text.company, idNumber: creditCode(random), phone: mobilePhone(random), company: true } : { ...people(), company: false };
  const registeredOn = addDays(today, -plan.daysAgo);
  /**
   * A moment `days` after the registration date, in office hours, later in the day for a later
   * `slot`; always before the day of the load, so the demo is the same whatever its time of day.
   */
  const on = (days: number, slot = 0) => {
    const date = addDays(registeredOn, days);
    if (date >= today) throw new Error(`the demo plans an act of a case registered ${plan.daysAgo} days ago on or after the day of the load`);
    return chinaInstant(date, `${pad(8 + slot * 2 + random.int(0, 1))}:${pad(random.int(0, 59))}`);
  };
  /** A day whose deadline 30 days on would fall on the day of the load is moved a day earlier (see loadDemoDisputes). */
  const dueNotToday = (day: number) => (day + 30 === plan.daysAgo ? day - 1 : day);
  const occurredAt = chinaInstant(addDays(registeredOn, -random.int(1, 20)), `${pad(random.int(7, 20))}:00`);
  const input = registration(plan, text, s.orgId(plan.org), applicant, respondent, occurredAt, random);
  const registrar = plan.source === "p" ? "duty" : plan.source === "police" || plan.source === "court" ? "officer" : COMMITTEES[plan.org]!.registrar;
  const own = COMMITTEES[plan.org]!;
  const township = COMMITTEES[TOWNSHIP]!;
  const [a, b] = [applicant.name, respondent.name];
  const names = (usernames: string[]) => usernames.map((u) => s.actor(u).displayName).join("、");
  let id = "";

  s.at(on(0, 0), async () => {
    id = await s.register(registrar, input);
  });
  if (plan.fate === "registered") return;
  if (plan.fate === "refused") {
    const at = on(1, 1);
    if (text.type === "medical") s.at(at, () => s.refuse(own.handler, id, "医疗损害责任纠纷涉及医疗过错鉴定，不属于人民调解受理范围。", "department", "临江县卫生健康局医疗纠纷人民调解委员会"));
    else s.at(at, () => s.refuse(own.handler, id, "该合同纠纷一方当事人已向人民法院起诉，法院已立案受理。", "court", "临江县人民法院"));
    return;
  }

  const accept = (day: number, slot: number, c = own) => {
    const reason = plan.source === "court" ? "受人民法院委派，开展诉前调解。" : "属于人民调解受理范围，双方当事人同意调解。";
    s.at(on(day, slot), () => s.accept(c.handler, id, reason, c.mediators));
  };
  const session = (day: number, result: string, proposals: string | undefined, c: Committee) => {
    const attendees = `申请人${a}，被申请人${b}，调解员${names(c.mediators)}`;
    const statements = { applicantStatement: text.applicantSays, respondentStatement: text.respondentSays };
    s.at(on(day, 1), () => s.session(c.mediators[0]!, id, { place: c.place, attendees, ...statements, ...(proposals ? { proposals } : {}), result }));
  };
  const talks = (days: number[], c = own) => {
    for (const day of days) session(day, "双方各执己见，调解员分别做了思想工作，约定择日再次调解。", undefined, c);
  };
  const agree = (day: number, c = own, oral = plan.oral ?? false) => {
    session(day, oral ? "经调解员释法说理，双方当场达成口头协议。" : "经调解员释法说理，双方达成一致意见，当场签订调解协议书。", "调解员根据双方诉求和有关规定提出调解方案。", c);
    const agreement = {
      form: oral ? ("oral" as const) : ("written" as const),
      facts: input.summary,
      terms: text.terms(a, b),
      performanceManner: text.amount === null ? "当事人按协议自行履行，调委会负责督促。" : "以银行转账或现金方式支付，由调解员见证。",
      performanceDueOn: addDays(registeredOn, day + 10),
    };
    s.at(on(day, 2), () => s.agree(c.mediators[0]!, id, agreement));
  };
  const visit = (day: number, performance: "fully" | "partly" | "not") => {
    const notes = performance === "fully" ? "电话及上门回访，双方均表示协议已全部履行，矛盾已化解。" : "上门回访发现被申请人未按协议履行，申请人意见较大，重新启动调解。";
    s.at(on(day, 1), () => s.followUp(own.mediators[0]!, id, performance, notes));
  };

  accept(plan.fate === "accepted" ? 0 : random.int(0, 1), 2);
  if (plan.fate === "accepted") return;

  // When the outcome comes: late ones after the 30-day deadline, extended ones after the extension.
  const first = 2 + random.int(0, 1);
  const outcomeDay = dueNotToday(plan.late ? 33 : plan.extended ? 36 : first + 4 + random.int(0, 6));
  if (plan.extended) s.at(on(26, 3), () => s.extend(own.handler, id, 15, "当事人需补充提交证据材料，经双方同意延长调解期限。"));

  switch (plan.fate) {
    case "mediating":
      talks(plan.extended ? [first, 8, 20] : [first]);
      return;
    case "overdue":
      talks([first, 12]);
      return;
    case "withdrawn":
      talks([first]);
      s.at(on(first + 3, 2), () => s.end(own.handler, id, "withdrawn", "双方经亲友劝说已自行和解，申请人申请撤回调解。"));
      return;
    case "not_agreed":
      talks([first, ...(outcomeDay - first > 6 ? [first + 5] : [])]);
      session(outcomeDay, "双方分歧较大，经多次调解仍无法达成一致。", undefined, own);
      s.at(on(outcomeDay, 2), () => s.end(own.handler, id, "not_agreed", "双方分歧较大，调解不成，已告知当事人可通过诉讼途径解决。"));
      return;
    case "referred":
    case "referral_handled":
    case "referral_returned": {
      talks([first]);
      const [kind, receiver, reason] = referralOf(text);
      s.at(on(first + 2, 2), () => s.refer(own.handler, id, kind, receiver, reason));
      if (plan.fate === "referral_handled") s.at(on(first + 20, 1), () => s.referralResult(own.handler, id, "handled", `${receiver}已依法处理完毕，当事人无异议。`));
      if (plan.fate === "referral_returned") {
        s.at(on(first + 8, 1), () => s.referralResult(own.handler, id, "returned", "经派出所调查不构成违法犯罪，退回调委会继续调解。"));
        agree(dueNotToday(first + 12));
      }
      return;
    }
    case "moved_up":
    case "moved_up_open": {
      talks([first]);
      s.at(on(first + 2, 2), () => s.moveUp(own.handler, id, s.orgId(TOWNSHIP), "涉及多户利益，村（社区）调委会难以化解，申请镇矛盾纠纷调处化解中心调处。"));
      accept(first + 3, 1, township);
      if (plan.fate === "moved_up_open") talks([first + 5], township);
      else agree(dueNotToday(first + 9), township);
      return;
    }
    default:
      break;
  }

  // Agreed at first, then followed up (or not yet) according to the fate.
  // One or two sessions before the one that agreed: a third of the cases needed more than one talk.
  if (outcomeDay - first > 8) talks([first, first + 4]);
  else talks([first]);
  agree(outcomeDay);
  const visitDay = outcomeDay + 28 + random.int(0, 5);
  if (plan.fate === "closed") visit(visitDay, "fully");
  if (plan.fate === "reopened" || plan.fate === "reagreed") {
    visit(visitDay, plan.fate === "reopened" ? "not" : "partly");
    talks([visitDay + 3]);
    if (plan.fate === "reagreed") agree(visitDay + 6, own, false);
  }
}

/** To whom a case of its kind is referred, and why. */
function referralOf(text: CaseText) {
  if (text.type === "labour_wages") return ["labour_inspection", "临江县劳动保障监察大队", "涉及工伤认定和劳动报酬支付，需劳动保障监察部门依法处理。"] as const;
  if (text.type === "land_forest") return ["department", "临江县林业局", "林地权属争议需由林业主管部门依法确权。"] as const;
  if (text.company) return ["court", "临江县人民法院", "双方对损失金额争议较大，当事人要求通过诉讼解决。"] as const;
  return ["police", "临江县公安局青山派出所", "一方当事人涉嫌投放毒饵毒害他人财物，移交公安机关处理。"] as const;
}

/**
 * Each committee's report of every half-month that is past due: filed on the period's last
 * day or the day after (on time), a few days late now and then, and two never filed.
 */
function fileScreeningReports(s: DisputeStory, random: Random, today: string, now: Date) {
  const periods: string[] = [];
  for (let start = nextPeriodStart(periodStartAt(chinaInstant(addDays(today, -DAYS_BACK)))); screeningPeriod(start).dueAt < now; start = nextPeriodStart(start)) periods.push(start);
  periods.forEach((start, i) => {
    const period = screeningPeriod(start);
    for (const [org, { filer }] of Object.entries(COMMITTEES)) {
      const periodsAgo = periods.length - i;
      if (MISSING_REPORTS.some((missing) => missing.org === org && missing.periodsAgo === periodsAgo)) continue;
      const late = org !== TOWNSHIP && random.chance(0.08);
      const day = late ? addDays(period.end, 2 + random.int(1, 3)) : addDays(period.end, random.int(0, 1));
      const at = chinaInstant(day, `${pad(random.int(9, 16))}:${pad(random.int(0, 59))}`);
      const screenings = random.int(2, 6);
      const note = late ? "村干部外出参加培训，报表延迟上报。" : random.chance(0.2) ? "本期结合重要节点开展了专项排查。" : null;
      if (at <= now) s.at(at, () => s.fileScreeningReport(filer, s.orgId(org), start, screenings, note));
    }
  });
}
