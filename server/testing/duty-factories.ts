// Factories for shifts, hand-overs, protection periods and calendar feeds, with defaults a
// test overrides where it matters. Times default to a day after the test clock's start.
import type { Db } from "../db/client.ts";
import { insertFeed } from "../modules/duty/calendar-queries.ts";
import { insertPeriod, replaceCoveredOrgs } from "../modules/duty/protection-queries.ts";
import { insertHandover, insertShifts } from "../modules/duty/queries.ts";
import type { OrgRow } from "../modules/orgs/queries.ts";
import { makeAccount } from "./factories.ts";

let serial = 0;
const next = () => ++serial;

export async function makeShift(
  db: Db,
  org: OrgRow,
  overrides: { startsAt?: string; endsAt?: string; officerIds?: string[]; leaderId?: string | null; phone?: string } = {},
) {
  const officerIds = overrides.officerIds ?? [(await makeAccount(db, { org, roles: ["duty"] })).id];
  const now = new Date();
  const [shift] = await insertShifts(db, [
    {
      orgId: org.id,
      startsAt: new Date(overrides.startsAt ?? "2026-03-03T08:30:00+08:00"),
      endsAt: new Date(overrides.endsAt ?? "2026-03-04T08:30:00+08:00"),
      officerIds,
      leaderId: overrides.leaderId ?? null,
      phone: overrides.phone ?? "0571-86100110",
      createdAt: now,
      updatedAt: now,
    },
  ]);
  return shift!;
}

export async function makeHandover(db: Db, org: OrgRow) {
  const shift = await makeShift(db, org);
  const handover = await insertHandover(db, { shiftId: shift.id, orgId: org.id, openMatters: "河口村漏水待处理。", writtenBy: shift.officerIds[0]!, writtenAt: shift.endsAt });
  return { shift, handover: handover! };
}

export async function makeProtectionPeriod(
  db: Db,
  org: OrgRow,
  overrides: { name?: string; startDate?: string; endDate?: string; coveredOrgIds?: string[]; leaderRequired?: boolean; reportDueTime?: string | null } = {},
) {
  const now = new Date();
  const period = await insertPeriod(db, {
    orgId: org.id,
    name: overrides.name ?? `测试特护期${next()}`,
    startDate: overrides.startDate ?? "2026-03-01",
    endDate: overrides.endDate ?? "2026-03-31",
    leaderRequired: overrides.leaderRequired ?? false,
    reportDueTime: overrides.reportDueTime === undefined ? "10:00" : overrides.reportDueTime,
    createdAt: now,
    updatedAt: now,
  });
  await replaceCoveredOrgs(db, period.id, overrides.coveredOrgIds ?? [org.id]);
  return period;
}

export async function makeCalendarFeed(db: Db, org: OrgRow) {
  const owner = await makeAccount(db, { org, roles: ["officer"] });
  return insertFeed(db, { kind: "org", orgId: org.id, tokenHash: `test-${next()}-${crypto.randomUUID()}`, createdBy: owner.id, createdAt: new Date() });
}
