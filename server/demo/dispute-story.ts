// Plays the demonstration's disputes through the real service actions, as incident-story.ts
// does for incidents: each act by its account at its moment on the story's own clock, with
// the mediation reminders, overdue notices and follow-up visits that fell due in between
// fired by the scheduler at their minute. Many cases run side by side over months, so the
// acts of all of them are queued and played in the order of their moments.
import type { DisputeRisk, DisputeSource, MediationRoute, PartyInput, RedirectTarget, ReferringBody, ScreeningKind } from "@shared/disputes/schemas.ts";
import type { AgreementInput, Performance, ReferralReceiver, ReferralResult } from "@shared/disputes/mediation-schemas.ts";
import { manualClock } from "../clock.ts";
import type { Db } from "../db/client.ts";
import { nextPendingDue } from "../deadlines/deadlines.ts";
import { deadlineHandlers } from "../deadlines/handlers.ts";
import { runDue } from "../deadlines/scheduler.ts";
import { acceptDispute, extendMediation, refuseDispute } from "../modules/disputes/acceptance-service.ts";
import { concludeMediation, recordFollowUp, recordSession } from "../modules/disputes/mediation-service.ts";
import { DISPUTE_SUBJECT, findDispute } from "../modules/disputes/queries.ts";
import { moveDisputeUp, recordReferralResult, referDispute } from "../modules/disputes/referral-service.ts";
import { fileScreeningReport } from "../modules/disputes/screening-service.ts";
import { registerDispute } from "../modules/disputes/service.ts";
import { acknowledgeNotification } from "../modules/notifications/service.ts";
import { demoActors } from "./demo-actors.ts";

export interface Registration {
  orgId: string;
  source: DisputeSource;
  screeningKind?: ScreeningKind;
  referredBy?: ReferringBody;
  referringBody?: string;
  type: string;
  summary: string;
  claims: string;
  amountInDispute: number | null;
  peopleInvolved: number;
  occurredAt: Date;
  risk: DisputeRisk;
  riskReason?: string;
  level: "village" | "township";
  route: MediationRoute;
  parties: Omit<PartyInput, "agentName" | "agentContact">[];
}

/** How long after a dispute's notification reached them the people told acknowledged (签收) it. */
const ACKNOWLEDGED_AFTER_MS = 40 * 60_000;

export interface Session {
  place: string;
  attendees: string;
  applicantStatement: string;
  respondentStatement: string;
  proposals?: string;
  result: string;
}

/**
 * A story of disputes played inside the loader's transaction, starting at `start`. The
 * notifications it sends before `acknowledgedBefore` are acknowledged by their recipients
 * soon after, as the township's staff did; the later ones still wait on their boards.
 */
export async function startDisputeStory(tx: Db, start: Date, acknowledgedBefore: Date) {
  const clock = manualClock(start);
  const accounts = await tx.query.accounts.findMany();
  const orgs = await tx.query.orgs.findMany();
  const actor = demoActors(accounts, orgs);
  const as = (username: string) => ({ actor: actor(username), tx, clock });
  const version = async (id: string) => (await findDispute(tx, id))!.dispute.version;
  const acts: { at: Date; run: () => Promise<unknown> }[] = [];

  /** The earliest notification of a dispute still to be acknowledged by `to`, if any. */
  const nextToAcknowledge = async (to: Date) => {
    const by = Math.min(to.getTime(), acknowledgedBefore.getTime()) - ACKNOWLEDGED_AFTER_MS;
    const notification = await tx.query.notifications.findFirst({
      where: (n, { and, isNotNull, isNull, lte }) => and(isNotNull(n.disputeId), isNull(n.acknowledgedAt), lte(n.createdAt, new Date(by))),
      orderBy: (n, { asc }) => asc(n.createdAt),
    });
    return notification && { at: new Date(notification.createdAt.getTime() + ACKNOWLEDGED_AFTER_MS), notification };
  };

  /**
   * Moves the clock to `to`, firing on the way each dispute deadline at its own due moment and
   * acknowledging each notification when its recipient read it, in the order they happen.
   */
  const until = async (to: Date) => {
    for (;;) {
      const due = await nextPendingDue(tx, DISPUTE_SUBJECT, to);
      const ack = await nextToAcknowledge(to);
      if (!due && !ack) break;
      if (ack && (!due || ack.at < due)) {
        if (ack.at > clock.now()) clock.set(ack.at);
        const recipient = accounts.find((a) => a.id === ack.notification.recipientId)!;
        await acknowledgeNotification({ ...as(recipient.username), input: { id: ack.notification.id } });
        continue;
      }
      if (due! > clock.now()) clock.set(due!);
      await runDue({ orm: tx }, deadlineHandlers, clock.now(), (error) => {
        throw error;
      });
    }
    if (to > clock.now()) clock.set(to);
  };

  return {
    clock,
    actor,
    orgId: (name: string) => orgs.find((org) => org.name === name)!.id,

    /** Queues an act for its moment; `play` runs them all in the order of their moments. */
    at(when: Date, run: () => Promise<unknown>) {
      acts.push({ at: when, run });
    },

    async play(end: Date) {
      // A stable sort: two acts of one case at the same moment keep the order they were queued in.
      for (const act of acts.sort((a, b) => a.at.getTime() - b.at.getTime())) {
        await until(act.at);
        await act.run();
      }
      await until(end);
    },

    async register(username: string, r: Registration) {
      const view = await registerDispute({
        ...as(username),
        input: {
          ...r,
          screeningKind: r.screeningKind ?? null,
          referredBy: r.referredBy ?? null,
          referringBody: r.referringBody ?? null,
          riskReason: r.riskReason ?? null,
          occurredAt: r.occurredAt.toISOString(),
          parties: r.parties.map((party) => ({ ...party, agentName: null, agentContact: null })),
        },
      });
      return view.dispute.id;
    },

    async accept(username: string, id: string, reason: string, mediators: string[], dueDays = 30) {
      const assigned = mediators.map((name, i) => ({ accountId: actor(name).accountId, lead: i === 0 }));
      await acceptDispute({ ...as(username), input: { id, version: await version(id), reason, mediators: assigned, dueDays } });
    },

    async refuse(username: string, id: string, reason: string, redirectTo: RedirectTarget, redirectDetail: string) {
      await refuseDispute({ ...as(username), input: { id, version: await version(id), reason, redirectTo, redirectDetail } });
    },

    async extend(username: string, id: string, days: number, reason: string) {
      await extendMediation({ ...as(username), input: { id, version: await version(id), days, reason, partiesAgreed: true } });
    },

    async session(username: string, id: string, session: Session) {
      await recordSession({ ...as(username), input: { id, version: await version(id), heldAt: clock.now().toISOString(), proposals: null, ...session } });
    },

    async agree(username: string, id: string, agreement: AgreementInput) {
      await concludeMediation({ ...as(username), input: { id, version: await version(id), outcome: "agreed", agreement, followUpDays: 30, note: null } });
    },

    async end(username: string, id: string, outcome: "not_agreed" | "withdrawn", note: string) {
      await concludeMediation({ ...as(username), input: { id, version: await version(id), outcome, note } });
    },

    async followUp(username: string, id: string, performance: Performance, notes: string) {
      await recordFollowUp({ ...as(username), input: { id, version: await version(id), visitedAt: clock.now().toISOString(), performance, notes } });
    },

    async refer(username: string, id: string, receiverKind: ReferralReceiver, receiverName: string, reason: string) {
      await referDispute({ ...as(username), input: { id, version: await version(id), receiverKind, receiverName, reason } });
    },

    async referralResult(username: string, id: string, result: ReferralResult, note: string) {
      await recordReferralResult({ ...as(username), input: { id, version: await version(id), result, note } });
    },

    async moveUp(username: string, id: string, toOrgId: string, reason: string) {
      await moveDisputeUp({ ...as(username), input: { id, version: await version(id), toOrgId, reason } });
    },

    async fileScreeningReport(username: string, orgId: string, periodStart: string, screenings: number, note: string | null) {
      await fileScreeningReport({ ...as(username), input: { orgId, periodStart, screenings, note } });
    },
  };
}

export type DisputeStory = Awaited<ReturnType<typeof startDisputeStory>>;
