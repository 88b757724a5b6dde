// The register as Excel files: the ledger (纠纷登记台账) for the archive and the county's
// returns, and the import template with its explanations. Personal data leaves masked, as
// in the list: whoever needs a party's full identity opens the record, which is audited.
import {
  DISPUTE_LEVEL_LABELS,
  DISPUTE_RISK_LABELS,
  DISPUTE_SOURCE_LABELS,
  DISPUTE_STATUS_LABELS,
  MEDIATION_ROUTE_LABELS,
  REFERRING_BODY_LABELS,
  SCREENING_KIND_LABELS,
  type DisputeLevel,
  type DisputeRisk,
  type DisputeSource,
  type DisputeStatus,
  type MediationRoute,
} from "@shared/disputes/schemas.ts";
import { LEDGER_IMPORT_COLUMNS, type LedgerImportKey } from "@shared/disputes/ledger-schemas.ts";
import { chinaDate, chinaTimeOfDay } from "@shared/duty/china-time.ts";
import { renderLedgerXlsx, renderLedgersXlsx } from "../../documents/ledger-xlsx.ts";
import { type DisputeTypes, typeNameZh } from "./dispute-types.ts";
import { maskPhone } from "../accounts/present.ts";
import { maskIdNumber } from "./present.ts";
import type { DisputeWithOrg, PartyRow } from "./queries.ts";
import { caseNumberOf } from "./texts.ts";

const chinaTime = (instant: Date | null) => (instant ? `${chinaDate(instant)} ${chinaTimeOfDay(instant)}` : "");

/** 张三 330***********123X 138****1111, one party a line. */
function partiesText(parties: readonly PartyRow[], side: string) {
  return parties
    .filter((party) => party.side === side)
    .map((party) => [party.name, party.idNumber && maskIdNumber(party.idNumber), party.contactPhone && maskPhone(party.contactPhone)].filter(Boolean).join(" "))
    .join("\n");
}

export const registerFileName = (exportedAt: Date) => `纠纷登记台账（${chinaDate(exportedAt)}）`;

export function renderDisputeRegisterXlsx(items: readonly (DisputeWithOrg & { parties: readonly PartyRow[] })[], types: DisputeTypes, exportedAt: Date): Promise<Buffer> {
  return renderLedgerXlsx({
    sheetName: "纠纷登记台账",
    title: registerFileName(exportedAt),
    columns: [
      { header: "案件编号", width: 12 },
      { header: "登记单位", width: 16 },
      { header: "登记时间", width: 18 },
      { header: "来源", width: 10 },
      { header: "纠纷类型", width: 14 },
      { header: "纠纷简要情况", width: 40 },
      { header: "申请事项", width: 30 },
      { header: "涉及金额（元）", width: 14 },
      { header: "涉及人数", width: 10 },
      { header: "风险等级", width: 10 },
      { header: "调处层级", width: 14 },
      { header: "调解途径", width: 12 },
      { header: "状态", width: 10 },
      { header: "申请人", width: 36 },
      { header: "被申请人", width: 36 },
      { header: "调解期限", width: 18 },
      { header: "办结时间", width: 18 },
    ],
    rows: items.map(({ dispute, org, parties }) => [
      caseNumberOf(dispute),
      org.name,
      chinaTime(dispute.registeredAt),
      DISPUTE_SOURCE_LABELS[dispute.source as DisputeSource].zh,
      typeNameZh(types, dispute.type),
      dispute.summary,
      dispute.claims,
      dispute.amountInDispute ?? "",
      dispute.peopleInvolved,
      DISPUTE_RISK_LABELS[dispute.risk as DisputeRisk].zh,
      DISPUTE_LEVEL_LABELS[dispute.level as DisputeLevel].zh,
      MEDIATION_ROUTE_LABELS[dispute.route as MediationRoute].zh,
      DISPUTE_STATUS_LABELS[dispute.status as DisputeStatus].zh,
      partiesText(parties, "applicant"),
      partiesText(parties, "respondent"),
      chinaTime(dispute.mediationDueAt),
      chinaTime(dispute.concludedAt),
    ]),
  });
}

const zhLabels = (labels: Record<string, { zh: string }> | ReadonlyMap<string, { zh: string }>) =>
  [...(labels instanceof Map ? labels.values() : Object.values(labels))]
    .map((label) => label.zh)
    .join("、");

/** What each column of the template takes, as its second sheet explains; the types are the deployment's active ones. */
const explanations = (types: DisputeTypes): Record<LedgerImportKey, [note: string, allowed: string]> => ({
  source: ["纠纷从何而来", zhLabels(DISPUTE_SOURCE_LABELS)],
  screeningKind: ["来源为“排查发现”时必填，否则留空", zhLabels(SCREENING_KIND_LABELS)],
  referredBy: ["来源为“移交”时必填，否则留空", zhLabels(REFERRING_BODY_LABELS)],
  referringBody: ["来源为“移交”时填写移交单位的名称，否则留空", ""],
  type: ["纠纷的类别", zhLabels(new Map([...types.labels].filter(([key]) => types.active.has(key))))],
  summary: ["纠纷的主要事实", ""],
  claims: ["申请人的请求", ""],
  amountInDispute: ["涉及金额，以元为单位；与金钱无关时留空", "不小于 0 的数字"],
  peopleInvolved: ["涉及的人数", "不小于 1 的整数"],
  occurredAt: ["纠纷发生的日期（北京时间），不能晚于今天", "日期，如 2026-03-01 或 2026-03-01 09:30"],
  risk: ["纠纷激化（民转刑）的风险", zhLabels(DISPUTE_RISK_LABELS)],
  riskReason: ["风险等级为中或高时必填", ""],
  level: ["由哪一级调处", zhLabels(DISPUTE_LEVEL_LABELS)],
  route: ["由哪种调解处理（三调联动）", zhLabels(MEDIATION_ROUTE_LABELS)],
  applicantName: ["申请人（个人）的姓名", ""],
  applicantPhone: ["申请人的联系电话", "手机或固定电话"],
  applicantIdNumber: ["申请人的居民身份证号码，请以文本格式填写", "18 位，末位为校验码"],
  respondentName: ["被申请人（个人）的姓名；没有时此行被申请人各列留空", ""],
  respondentPhone: ["被申请人的联系电话", "手机或固定电话"],
  respondentIdNumber: ["被申请人的居民身份证号码，请以文本格式填写", "18 位，末位为校验码"],
});

const TEXT_COLUMNS: ReadonlySet<LedgerImportKey> = new Set(["applicantPhone", "applicantIdNumber", "respondentPhone", "respondentIdNumber"]);

/** A required column's header is marked with an asterisk, which the import ignores when it finds the columns. */
export const templateHeader = (column: (typeof LEDGER_IMPORT_COLUMNS)[number]) => `${column.required ? "*" : ""}${column.zh}`;

/** The example row's ID numbers: GB 11643's own sample, and one made up with a valid check character. */
const EXAMPLE_ID_NUMBERS = ["11010519491231002X", "440304199001010011"] as const;

const example = (types: DisputeTypes): Record<LedgerImportKey, string | number> => ({
  source: DISPUTE_SOURCE_LABELS.walk_in.zh,
  screeningKind: "",
  referredBy: "",
  referringBody: "",
  type: typeNameZh(types, types.active.has("neighbours") ? "neighbours" : [...types.active][0]!),
  summary: "两户因宅基地边界的围墙修建发生争执，多次口角。",
  claims: "申请人要求对方拆除越界部分围墙。",
  amountInDispute: 5000,
  peopleInvolved: 2,
  occurredAt: "2026-03-01",
  risk: DISPUTE_RISK_LABELS.low.zh,
  riskReason: "",
  level: DISPUTE_LEVEL_LABELS.village.zh,
  route: MEDIATION_ROUTE_LABELS.people.zh,
  applicantName: "张三",
  applicantPhone: "13800001111",
  applicantIdNumber: EXAMPLE_ID_NUMBERS[0],
  respondentName: "李四",
  respondentPhone: "13900002222",
  respondentIdNumber: EXAMPLE_ID_NUMBERS[1],
});

/** The sheet the import reads (its title row, the headers and one example row to replace) and a sheet explaining each column. */
export function renderImportTemplateXlsx(types: DisputeTypes): Promise<Buffer> {
  const sample = example(types);
  const explained = explanations(types);
  return renderLedgersXlsx([
    {
      sheetName: "纠纷登记",
      title: "纠纷登记台账导入（带 * 的列必填；示例行请替换或删除）",
      columns: LEDGER_IMPORT_COLUMNS.map((column) => ({ header: templateHeader(column), width: Math.max(12, column.zh.length * 2 + 4), text: TEXT_COLUMNS.has(column.key) })),
      rows: [LEDGER_IMPORT_COLUMNS.map((column) => sample[column.key])],
    },
    {
      sheetName: "填写说明",
      title: "填写说明：每行登记一件纠纷，导入后逐件编号、记入时间线",
      columns: [
        { header: "列名", width: 18 },
        { header: "是否必填", width: 10 },
        { header: "说明", width: 44 },
        { header: "可选值", width: 60 },
      ],
      rows: LEDGER_IMPORT_COLUMNS.map((column) => [column.zh, column.required ? "必填" : "选填", ...explained[column.key]]),
    },
  ]);
}
