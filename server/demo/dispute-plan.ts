// Which disputes the demonstration township had over the half year before the load, and how
// each one went. Most ended in an agreement that a follow-up visit found performed; some did
// not; the newest are still being decided or mediated. Listed oldest first.

export type Fate =
  /** Still open: registered, accepted, in mediation, or past its mediation deadline. */
  | "registered"
  | "accepted"
  | "mediating"
  | "overdue"
  /** An agreement whose follow-up visit is not yet made; `unvisited` ones were due and reminded. */
  | "agreed"
  | "unvisited"
  /** Agreed and found performed at the follow-up visit. */
  | "closed"
  /** Found not performed: mediation reopened, and in `reagreed` ended in a second agreement. */
  | "reopened"
  | "reagreed"
  | "not_agreed"
  | "withdrawn"
  | "refused"
  /** Referred and not back yet; handled by the receiver (closed); returned to mediation and then agreed. */
  | "referred"
  | "referral_handled"
  | "referral_returned"
  /** Moved up from the village to the township, which agreed it, or is still mediating it. */
  | "moved_up"
  | "moved_up_open";

/** How it came in: screening, walk-in, phone, referred by the police or the court, applied for by a party. */
export type SourceCode = "s" | "w" | "p" | "police" | "court" | "a";

export interface DisputePlan {
  daysAgo: number;
  org: string;
  /** Index into CASE_TEXTS. */
  text: number;
  source: SourceCode;
  fate: Fate;
  risk?: "medium" | "high";
  /** The agreement was oral (口头协议). */
  oral?: boolean;
  /** Concluded only after the mediation deadline had passed. */
  late?: boolean;
  /** The parties agreed to more time. */
  extended?: boolean;
}

export const DISPUTE_PLANS: DisputePlan[] = [
  { daysAgo: 178, org: "河口村", text: 0, source: "s", fate: "closed" },
  { daysAgo: 172, org: "青山镇", text: 12, source: "police", fate: "closed", risk: "high" },
  { daysAgo: 170, org: "东岗村", text: 9, source: "s", fate: "not_agreed", risk: "medium" },
  { daysAgo: 168, org: "石桥村", text: 9, source: "s", fate: "closed" },
  { daysAgo: 165, org: "青山社区", text: 2, source: "w", fate: "closed", oral: true },
  { daysAgo: 160, org: "桃园村", text: 5, source: "a", fate: "closed", risk: "medium" },
  { daysAgo: 158, org: "新街社区", text: 3, source: "w", fate: "withdrawn" },
  { daysAgo: 155, org: "竹林村", text: 15, source: "p", fate: "closed" },
  { daysAgo: 150, org: "杨柳村", text: 10, source: "s", fate: "closed", late: true },
  { daysAgo: 146, org: "新街社区", text: 24, source: "w", fate: "closed", risk: "medium" },
  { daysAgo: 145, org: "河口村", text: 26, source: "a", fate: "not_agreed" },
  { daysAgo: 141, org: "东岗村", text: 16, source: "s", fate: "closed" },
  { daysAgo: 140, org: "杨柳村", text: 10, source: "s", fate: "referral_handled", risk: "high" },
  { daysAgo: 137, org: "河口村", text: 6, source: "a", fate: "closed" },
  { daysAgo: 135, org: "青山镇", text: 25, source: "w", fate: "refused" },
  { daysAgo: 132, org: "青山镇", text: 13, source: "w", fate: "closed" },
  { daysAgo: 128, org: "石桥村", text: 3, source: "s", fate: "closed", oral: true },
  { daysAgo: 122, org: "青山社区", text: 21, source: "w", fate: "closed" },
  { daysAgo: 120, org: "青山镇", text: 20, source: "w", fate: "not_agreed", risk: "medium" },
  { daysAgo: 118, org: "桃园村", text: 11, source: "s", fate: "closed", extended: true },
  { daysAgo: 112, org: "河口村", text: 17, source: "p", fate: "closed", oral: true },
  { daysAgo: 106, org: "杨柳村", text: 1, source: "s", fate: "closed" },
  { daysAgo: 100, org: "青山镇", text: 19, source: "court", fate: "closed" },
  { daysAgo: 98, org: "石桥村", text: 8, source: "a", fate: "not_agreed" },
  { daysAgo: 94, org: "竹林村", text: 7, source: "s", fate: "closed", oral: true },
  { daysAgo: 90, org: "河口村", text: 23, source: "w", fate: "withdrawn" },
  { daysAgo: 88, org: "石桥村", text: 14, source: "w", fate: "closed" },
  { daysAgo: 85, org: "青山镇", text: 18, source: "w", fate: "referral_handled" },
  { daysAgo: 80, org: "东岗村", text: 4, source: "s", fate: "closed", late: true },
  { daysAgo: 75, org: "杨柳村", text: 21, source: "w", fate: "not_agreed", extended: true },
  { daysAgo: 72, org: "新街社区", text: 22, source: "a", fate: "closed" },
  { daysAgo: 66, org: "东岗村", text: 5, source: "a", fate: "reagreed", risk: "medium" },
  { daysAgo: 64, org: "青山社区", text: 15, source: "p", fate: "closed" },
  { daysAgo: 60, org: "石桥村", text: 22, source: "a", fate: "refused" },
  { daysAgo: 58, org: "河口村", text: 2, source: "w", fate: "unvisited" },
  { daysAgo: 55, org: "青山社区", text: 22, source: "w", fate: "reopened" },
  { daysAgo: 54, org: "青山镇", text: 16, source: "p", fate: "unvisited" },
  { daysAgo: 52, org: "桃园村", text: 5, source: "p", fate: "not_agreed" },
  { daysAgo: 45, org: "石桥村", text: 17, source: "police", fate: "referral_returned", risk: "medium" },
  { daysAgo: 44, org: "东岗村", text: 0, source: "s", fate: "withdrawn" },
  { daysAgo: 40, org: "青山镇", text: 19, source: "w", fate: "overdue", risk: "medium" },
  { daysAgo: 40, org: "石桥村", text: 19, source: "s", fate: "moved_up", risk: "medium" },
  { daysAgo: 38, org: "杨柳村", text: 4, source: "s", fate: "agreed" },
  { daysAgo: 38, org: "河口村", text: 11, source: "a", fate: "mediating", extended: true },
  { daysAgo: 35, org: "桃园村", text: 0, source: "s", fate: "agreed", oral: true },
  { daysAgo: 32, org: "新街社区", text: 3, source: "p", fate: "agreed" },
  { daysAgo: 30, org: "竹林村", text: 1, source: "s", fate: "not_agreed" },
  { daysAgo: 28, org: "东岗村", text: 13, source: "s", fate: "agreed" },
  { daysAgo: 26, org: "青山镇", text: 14, source: "w", fate: "referred" },
  { daysAgo: 24, org: "青山镇", text: 26, source: "court", fate: "agreed" },
  { daysAgo: 20, org: "石桥村", text: 5, source: "a", fate: "agreed" },
  { daysAgo: 18, org: "河口村", text: 13, source: "w", fate: "referred" },
  { daysAgo: 16, org: "竹林村", text: 15, source: "s", fate: "agreed", oral: true },
  { daysAgo: 14, org: "河口村", text: 9, source: "s", fate: "agreed" },
  { daysAgo: 12, org: "青山社区", text: 24, source: "w", fate: "moved_up_open", risk: "medium" },
  { daysAgo: 10, org: "桃园村", text: 17, source: "p", fate: "mediating" },
  { daysAgo: 7, org: "石桥村", text: 0, source: "s", fate: "mediating" },
  { daysAgo: 5, org: "河口村", text: 1, source: "w", fate: "accepted" },
  { daysAgo: 4, org: "杨柳村", text: 6, source: "a", fate: "accepted", risk: "high" },
  { daysAgo: 3, org: "新街社区", text: 2, source: "s", fate: "registered" },
  { daysAgo: 2, org: "青山镇", text: 14, source: "p", fate: "registered" },
  { daysAgo: 1, org: "东岗村", text: 18, source: "w", fate: "registered" },
];

/** Why a case was judged at medium or high risk, by type: of the case, never of a person. */
export const RISK_REASONS: Record<"medium" | "high", Partial<Record<string, string>> & { default: string }> = {
  medium: {
    default: "双方积怨较深，调解期间曾发生口角推搡，存在矛盾激化可能。",
    marriage_family: "涉及老人基本生活保障，家庭成员间矛盾尖锐，需防止矛盾激化。",
    housing_demolition: "征迁补偿标准分歧大，涉及多户，协商几次未果，矛盾有激化可能。",
    property_management: "涉及业主二十余户，物业费与维修资金分歧大，矛盾有扩大可能。",
    damage_compensation: "双方均有损失，互相指责，曾发生推搡。",
  },
  high: {
    default: "当事人扬言采取过激行为，存在民转刑风险。",
    labour_wages: "欠薪涉及12名务工人员、金额较大且临近年关，工人生活困难，双方在工地曾发生冲突，矛盾有激化可能。",
    land_forest: "双方在争议林地持柴刀对峙，一方扬言“见一次打一次”，存在民转刑风险。",
    marriage_family: "申请人反映被申请人酒后多次上门吵闹并扬言“同归于尽”，存在矛盾激化、引发人身伤害的风险。",
  },
};
