// Factories for the dispute register: a sample registration with two parties, and disputes
// registered through the service by a mediator of the org, so a made dispute has the case
// number, parties and timeline a real one has.
import type { RegisterDisputeInput } from "@shared/disputes/schemas.ts";
import { type Clock, systemClock } from "../clock.ts";
import type { Db } from "../db/client.ts";
import { registerDispute } from "../modules/disputes/service.ts";
import type { OrgRow } from "../modules/orgs/queries.ts";
import { makeAccount } from "./factories.ts";
import { actorOfAccount } from "./incident-factories.ts";

/** Resident ID numbers with valid check characters (GB 11643). */
export const VALID_ID_NUMBERS = ["33010219800101123X", "11010519491231002X"] as const;

export function sampleDispute(org: OrgRow, overrides: Partial<RegisterDisputeInput> = {}): RegisterDisputeInput {
  return {
    orgId: org.id,
    source: "walk_in",
    screeningKind: null,
    referredBy: null,
    referringBody: null,
    type: "neighbours",
    summary: "两户因宅基地边界的围墙修建发生争执，多次口角。",
    claims: "申请人要求对方拆除越界部分围墙。",
    amountInDispute: 5000,
    peopleInvolved: 2,
    occurredAt: "2026-03-01T09:30:00+08:00",
    risk: "low",
    riskReason: null,
    level: "village",
    route: "people",
    parties: [
      { side: "applicant", kind: "person", name: "张三", contactPhone: "13800001111", idNumber: VALID_ID_NUMBERS[0], agentName: null, agentContact: null },
      { side: "respondent", kind: "person", name: "李四", contactPhone: "13900002222", idNumber: VALID_ID_NUMBERS[1], agentName: "李小四", agentContact: "13700003333" },
    ],
    ...overrides,
  };
}

/** A dispute of `org`, registered by a new mediator of `org`. */
export async function makeDispute(db: Db, org: OrgRow, options: { clock?: Clock; overrides?: Partial<RegisterDisputeInput> } = {}) {
  const clock = options.clock ?? systemClock;
  const mediator = await makeAccount(db, { org, roles: ["mediator"] });
  const occurredAt = new Date(clock.now().getTime() - 60 * 60_000).toISOString();
  const view = await db.transaction((tx) => registerDispute({ actor: actorOfAccount(mediator, org), tx, clock, input: sampleDispute(org, { occurredAt, ...options.overrides }) }));
  return view.dispute;
}
