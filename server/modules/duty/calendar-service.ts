// Rosters published as iCalendar at secret addresses: one feed per org and one per person.
import { createHash } from "node:crypto";
import type { CreateCalendarFeedInput } from "@shared/duty/schemas.ts";
import { writeAudit } from "../../audit/writer.ts";
import type { Clock } from "../../clock.ts";
import type { Db } from "../../db/client.ts";
import type { ActionArgs as Action } from "../../http/action.ts";
import { forbidden, notFound } from "../../http/errors.ts";
import { authorize, requireAccess } from "../../policy/authorize.ts";
import { orgPolicy } from "../orgs/policy.ts";
import { findOrg } from "../orgs/queries.ts";
import { newToken } from "../auth/tokens.ts";
import * as q from "./calendar-queries.ts";
import { calendarFeedPolicy } from "./policy.ts";
import { findShiftsOfPerson, findShiftsOverlapping } from "./queries.ts";
import { renderRosterCalendar } from "./roster-files.ts";
import { viewShifts } from "./shift-service.ts";

const DAY_MS = 24 * 60 * 60 * 1000;
/** What a feed carries: the last month, for reference, and the next quarter. */
const FEED_PAST_DAYS = 31;
const FEED_FUTURE_DAYS = 92;

/**
 * Tokens are 32 random bytes, so an unkeyed SHA-256 is enough to make a stolen table useless,
 * and feeds keep working when the session secret is rotated.
 */
const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");

/** How the policy layer sees a feed: an org feed by its org, a person's feed as that person's own. */
export const feedGuard = ({ feed, org }: q.FeedWithOrg) => ({ orgPath: org.path, ownerId: feed.accountId });
const manageAction = (kind: string) => (kind === "org" ? "manageOrgFeed" : "managePersonFeed");

export async function listFeeds({ actor, tx }: Action<Record<string, never>>) {
  return q.listManagedFeeds(tx, actor);
}

/** Makes a feed, replacing (revoking) the live one of the same org or person. The token is shown once. */
export async function createFeed({ actor, input, tx, clock }: Action<CreateCalendarFeedInput>) {
  const now = clock.now();
  let org;
  let target: Parameters<typeof q.revokeLiveFeedOf>[1];
  if (input.kind === "org") {
    org = await findOrg(tx, input.orgId!);
    if (!org || !authorize(actor, orgPolicy, "read", { orgPath: org.path })) throw notFound();
    if (!authorize(actor, calendarFeedPolicy, "manageOrgFeed", { orgPath: org.path })) throw forbidden();
    target = { kind: "org", orgId: org.id };
  } else {
    org = await findOrg(tx, actor.orgId);
    if (!org) throw notFound();
    if (!authorize(actor, calendarFeedPolicy, "managePersonFeed", { orgPath: org.path, ownerId: actor.accountId })) throw forbidden();
    target = { kind: "person", accountId: actor.accountId };
  }
  const replacedId = await q.revokeLiveFeedOf(tx, target, now);
  const token = newToken();
  const feed = await q.insertFeed(tx, {
    kind: input.kind,
    orgId: target.kind === "org" ? target.orgId : null,
    accountId: target.kind === "person" ? target.accountId : null,
    tokenHash: hashToken(token),
    createdBy: actor.accountId,
    createdAt: now,
  });
  await writeAudit(tx, { actor, clock }, { action: "calendarFeed.create", orgId: org.id, recordType: "calendarFeed", recordId: feed.id, detail: { kind: feed.kind, replacedId } });
  return { feed, org, url: `/api/calendar/${token}.ics` };
}

export async function revokeFeed({ actor, input, tx, clock }: Action<{ id: string }>) {
  const found = await q.findLiveFeed(tx, input.id);
  if (!found) throw notFound();
  requireAccess(actor, calendarFeedPolicy, manageAction(found.feed.kind), feedGuard(found));
  await q.revokeFeed(tx, found.feed.id, clock.now());
  await writeAudit(tx, { actor, clock }, { action: "calendarFeed.revoke", orgId: found.org.id, recordType: "calendarFeed", recordId: found.feed.id, detail: { kind: found.feed.kind } });
}

/** The feed a secret address opens, read without a session: the token is the credential. */
export async function renderFeed(tx: Db, clock: Clock, token: string): Promise<string> {
  const found = await q.findFeedByTokenHash(tx, hashToken(token));
  if (!found) throw notFound();
  const now = clock.now().getTime();
  const start = new Date(now - FEED_PAST_DAYS * DAY_MS);
  const end = new Date(now + FEED_FUTURE_DAYS * DAY_MS);
  const { feed, org } = found;
  const rows =
    feed.kind === "org"
      ? (await findShiftsOverlapping(tx, org.id, start, end)).map((shift) => ({ shift, org }))
      : await findShiftsOfPerson(tx, feed.accountId!, start, end);
  const name = feed.kind === "org" ? `${org.name}值班表` : "我的值班";
  return renderRosterCalendar(name, await viewShifts(tx, rows));
}
