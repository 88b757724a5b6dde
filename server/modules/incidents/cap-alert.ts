// An incident as an OASIS CAP 1.2 alert message, for systems that exchange warnings in the
// Common Alerting Protocol. The national scheme (four categories, four levels) is mapped onto
// CAP's vocabulary here and only here:
//
// - category: public health → Health; social security → Security; natural disasters and
//   accidents by their subtype's words (forest fire → Fire; earthquake, landslide → Geo;
//   flood, typhoon, rainstorm → Met; traffic → Transport; hazardous chemicals, explosion →
//   CBRNE; power, water, gas → Infra; pollution → Env), else Geo for a natural disaster and
//   Safety for an accident.
// - severity from the level: I → Extreme, II → Severe, III → Moderate, IV → Minor; an incident
//   not yet given a level uses its suggested one, and Unknown when there is none.
// - urgency: Immediate while the incident is being handled, Past once closed (with response
//   type AllClear and the outcome as the instruction).
// - certainty: Observed once staff confirmed the level, Likely while it is only reported.
// - msgType: the first version of the incident is the Alert; every later version an Update
//   that references it.
//
// The message is for the emergency offices, not the public: scope Restricted.
import { EMERGENCY_CATEGORY_LABELS, type EmergencyCategory, type SeverityLevel } from "@shared/plans/schemas.ts";
import { create } from "xmlbuilder2";
import type { IncidentRow } from "./queries.ts";
import { figuresText } from "./report-document.ts";

export const CAP_NAMESPACE = "urn:oasis:names:tc:emergency:cap:1.2";

export type CapCategory = "Geo" | "Met" | "Safety" | "Security" | "Rescue" | "Fire" | "Health" | "Env" | "Transport" | "Infra" | "CBRNE" | "Other";
export type CapSeverity = "Extreme" | "Severe" | "Moderate" | "Minor" | "Unknown";

/** Subtype words per category, first match wins; subtypes are the plans' own words. */
const SUBTYPE_CATEGORIES: Partial<Record<EmergencyCategory, [RegExp, CapCategory][]>> = {
  natural_disaster: [
    [/火/, "Fire"],
    [/地震|地质|滑坡|泥石流|崩塌|塌陷|海啸/, "Geo"],
    [/洪|涝|台风|暴雨|雪|冰雹|大风|旱|高温|寒潮|低温|冰冻|雷|气象|沙尘|霜|风暴潮/, "Met"],
    [/病虫|生物|赤潮/, "Env"],
  ],
  accident_disaster: [
    [/火/, "Fire"],
    [/交通|道路|铁路|航空|民航|水上|船|车/, "Transport"],
    [/危化|危险化学|化学|泄漏|爆炸|辐射|核/, "CBRNE"],
    [/停电|电力|供水|燃气|通信|桥|隧道|管网/, "Infra"],
    [/环境|污染|生态/, "Env"],
  ],
};
const DEFAULT_CATEGORY: Record<EmergencyCategory, CapCategory> = {
  natural_disaster: "Geo",
  accident_disaster: "Safety",
  public_health: "Health",
  social_security: "Security",
};

export function capCategory(category: EmergencyCategory, subtype: string | null): CapCategory {
  const match = subtype ? SUBTYPE_CATEGORIES[category]?.find(([words]) => words.test(subtype)) : undefined;
  return match?.[1] ?? DEFAULT_CATEGORY[category];
}

export const CAP_SEVERITY: Record<SeverityLevel, CapSeverity> = { I: "Extreme", II: "Severe", III: "Moderate", IV: "Minor" };

/** CAP's time form: seconds, and an explicit offset (no "Z", no fractions): China's time, +08:00. */
export function capTime(instant: Date): string {
  return `${new Date(instant.getTime() + 8 * 3_600_000).toISOString().slice(0, 19)}+08:00`;
}

export interface CapInput {
  incident: IncidentRow;
  orgName: string;
}

const identifierOf = (incidentId: string, version: number) => `urn:huajie:incident:${incidentId}:${version}`;

export function buildCapAlert({ incident, orgName }: CapInput): string {
  const category = incident.category as EmergencyCategory;
  const level = (incident.level ?? incident.suggestedLevel) as SeverityLevel | null;
  const closed = incident.status === "closed";
  // Org ids are globally unique, which CAP asks of a sender; the first version was sent when reported.
  const sender = `urn:huajie:org:${incident.orgId}`;
  const first = { identifier: identifierOf(incident.id, 1), sent: capTime(incident.reportedAt) };
  const isUpdate = incident.version > 1;
  const instruction = closed ? incident.outcome : incident.measuresTaken;

  const info = {
    language: "zh-CN",
    category: capCategory(category, incident.subtype),
    event: incident.subtype ?? EMERGENCY_CATEGORY_LABELS[category].zh,
    ...(closed ? { responseType: "AllClear" } : {}),
    urgency: closed ? "Past" : "Immediate",
    severity: level ? CAP_SEVERITY[level] : "Unknown",
    certainty: incident.status === "reported" ? "Likely" : "Observed",
    onset: capTime(incident.occurredAt),
    senderName: orgName,
    headline: incident.title,
    description: `${incident.description}\n${figuresText(incident)}`,
    ...(instruction ? { instruction } : {}),
    ...(level ? { parameter: { valueName: "level", value: level } } : {}),
    area: {
      areaDesc: incident.place,
      // A point where the event is, radius 0: coordinates locate the place, not an extent.
      ...(incident.latitude !== null && incident.longitude !== null ? { circle: `${incident.latitude},${incident.longitude} 0` } : {}),
    },
  };
  const alert = {
    "@xmlns": CAP_NAMESPACE,
    identifier: identifierOf(incident.id, incident.version),
    sender,
    sent: capTime(isUpdate ? incident.updatedAt : incident.reportedAt),
    status: "Actual",
    msgType: isUpdate ? "Update" : "Alert",
    scope: "Restricted",
    restriction: "仅供应急管理部门内部使用",
    ...(isUpdate ? { references: `${sender},${first.identifier},${first.sent}` } : {}),
    incidents: incident.id,
    info,
  };
  return create({ version: "1.0", encoding: "UTF-8" }, { alert }).end({ prettyPrint: true });
}
