import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import {
  AcknowledgeHandoverInput,
  CalendarFeedList,
  CalendarTokenParams,
  CreateCalendarFeedInput,
  CreateHandoverInput,
  CreateLogEntryInput,
  CreateProtectionPeriodInput,
  CreateShiftInput,
  FileStatusReportInput,
  GenerateShiftsInput,
  GeneratedShifts,
  Handover,
  HandoverList,
  HandoverListQuery,
  IdParams,
  LogEntry,
  LogEntryList,
  NewCalendarFeed,
  OnDuty,
  OnDutyQuery,
  ProtectionPeriod,
  ProtectionPeriodList,
  ProtectionPeriodListQuery,
  ReportStatusBoard,
  ReportStatusQuery,
  Roster,
  RosterExportQuery,
  RosterQuery,
  Shift,
  StatusReport,
  SwapShiftsInput,
  SwappedShifts,
  UpdateProtectionPeriodInput,
  UpdateShiftInput,
} from "@shared/duty/schemas.ts";
import { runAction } from "../../http/action.ts";
import { XLSX, contentDisposition, fileResponse } from "../../http/download.ts";
import { actorOf } from "../../http/deps.ts";
import type { Actor } from "../../policy/actor.ts";
import * as calendar from "./calendar-service.ts";
import { listHandovers } from "./queries.ts";
import * as handovers from "./handover-service.ts";
import { onDutyAt } from "./on-duty.ts";
import { presentFeed, presentHandover, presentLogEntry, presentPeriod, presentReport, presentReportStatus, presentRoster, presentShift } from "./present.ts";
import { findCoveredOrgs, listPeriods } from "./protection-queries.ts";
import * as protection from "./protection-service.ts";
import { renderRosterXlsx, rosterFileName } from "./roster-files.ts";
import * as shifts from "./shift-service.ts";

const ICS = "text/calendar; charset=utf-8";
const NoContent = z.null().meta({ description: "Done; nothing to return" });

export async function dutyRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { db, clock } = app.deps;
  const tags = ["duty"];
  const shift = (request: { actor: Actor | null }) => (view: shifts.ShiftView) => presentShift(actorOf(request), view, clock.now());

  // --- Shifts and rosters -------------------------------------------------------------
  app.get("/api/shifts", { schema: { tags, summary: "An org's roster for a range of dates (China), with coverage warnings", querystring: RosterQuery, response: { 200: Roster } } }, async (request) =>
    presentRoster(actorOf(request), await runAction(app.deps, request, shifts.getRoster, request.query), clock.now()),
  );

  app.post("/api/shifts", { schema: { tags, summary: "Roster one shift", body: CreateShiftInput, response: { 201: Shift } } }, async (request, reply) => {
    reply.code(201);
    return runAction(app.deps, request, shifts.createShift, request.body).then(shift(request));
  });

  app.get(
    "/api/shifts/export.xlsx",
    { schema: { tags, summary: "An org's roster for a range of dates as an Excel ledger", querystring: RosterExportQuery, response: { 200: fileResponse([XLSX], "A .xlsx file") } } },
    async (request, reply) => {
      const roster = await runAction(app.deps, request, shifts.getRoster, request.query);
      const document = await renderRosterXlsx({ orgName: roster.org.name, from: roster.from, to: roster.to, shifts: roster.shifts });
      return reply.type(XLSX).header("content-disposition", contentDisposition("attachment", `${rosterFileName(roster.org.name, roster.from, roster.to)}.xlsx`, "roster.xlsx")).send(document);
    },
  );

  app.post("/api/shifts/generate", { schema: { tags, summary: "Generate one shift a day from a daily or weekly rotation", body: GenerateShiftsInput, response: { 201: GeneratedShifts } } }, async (request, reply) => {
    const generated = await runAction(app.deps, request, shifts.generateShifts, request.body);
    reply.code(201);
    return { items: generated.shifts.map(shift(request)), replacedIds: generated.replacedIds };
  });

  app.post("/api/shifts/swap", { schema: { tags, summary: "Two shifts exchange their people, atomically", body: SwapShiftsInput, response: { 200: SwappedShifts } } }, async (request) => {
    const swapped = await runAction(app.deps, request, shifts.swapShifts, request.body);
    return { a: shift(request)(swapped.a), b: shift(request)(swapped.b) };
  });

  app.get("/api/shifts/:id", { schema: { tags, summary: "One shift", params: IdParams, response: { 200: Shift } } }, (request) =>
    runAction(app.deps, request, shifts.getShift, request.params).then(shift(request)),
  );

  app.patch("/api/shifts/:id", { schema: { tags, summary: "Edit a shift until it ends", params: IdParams, body: UpdateShiftInput, response: { 200: Shift } } }, (request) =>
    runAction(app.deps, request, shifts.updateShift, { ...request.body, id: request.params.id }).then(shift(request)),
  );

  app.delete("/api/shifts/:id", { schema: { tags, summary: "Delete a shift that has not begun", params: IdParams, response: { 204: NoContent } } }, async (request, reply) => {
    await runAction(app.deps, request, shifts.deleteShift, request.params);
    return reply.code(204).send(null);
  });

  app.get("/api/shifts/:id/log", { schema: { tags, summary: "The shift's logbook, in order of time", params: IdParams, response: { 200: LogEntryList } } }, async (request) => ({
    items: (await runAction(app.deps, request, handovers.listLog, request.params)).map(presentLogEntry),
  }));

  app.post("/api/shifts/:id/log", { schema: { tags, summary: "Append an entry to the shift's logbook (entries are never changed)", params: IdParams, body: CreateLogEntryInput, response: { 201: LogEntry } } }, async (request, reply) => {
    reply.code(201);
    return runAction(app.deps, request, handovers.writeLogEntry, { ...request.body, id: request.params.id }).then(presentLogEntry);
  });

  app.get("/api/orgs/:id/on-duty", { schema: { tags, summary: "Who is on duty at an org (now, or at a time), else at its nearest ancestor", params: IdParams, querystring: OnDutyQuery, response: { 200: OnDuty } } }, (request) =>
    runAction(app.deps, request, onDutyAt, { ...request.query, id: request.params.id }),
  );

  // --- Hand-overs -----------------------------------------------------------------------
  app.get("/api/handovers", { schema: { tags, summary: "Hand-overs in the caller's jurisdiction, latest first", querystring: HandoverListQuery, response: { 200: HandoverList } } }, async (request) => {
    const actor = actorOf(request);
    const { acknowledged, ...filter } = request.query;
    const page = await listHandovers(db.orm, actor, { ...filter, ...(acknowledged ? { acknowledged: acknowledged === "true" } : {}) });
    const views = await handovers.viewHandovers(db.orm, page.items);
    return { items: views.map((view) => presentHandover(actor, view)), total: page.total };
  });

  app.post("/api/handovers", { schema: { tags, summary: "Hand over a shift: what is open and what to watch", body: CreateHandoverInput, response: { 201: Handover } } }, async (request, reply) => {
    reply.code(201);
    return runAction(app.deps, request, handovers.createHandover, request.body).then((view) => presentHandover(actorOf(request), view));
  });

  app.get("/api/handovers/:id", { schema: { tags, summary: "One hand-over", params: IdParams, response: { 200: Handover } } }, (request) =>
    runAction(app.deps, request, handovers.getHandover, request.params).then((view) => presentHandover(actorOf(request), view)),
  );

  app.post("/api/handovers/:id/acknowledge", { schema: { tags, summary: "Acknowledge a hand-over as the incoming side (once)", params: IdParams, body: AcknowledgeHandoverInput, response: { 200: Handover } } }, (request) =>
    runAction(app.deps, request, handovers.acknowledgeHandover, { ...request.body, id: request.params.id }).then((view) => presentHandover(actorOf(request), view)),
  );

  // --- Protection periods and daily reports ------------------------------------------
  app.get("/api/protection-periods", { schema: { tags, summary: "Protection periods declared in or covering the caller's jurisdiction", querystring: ProtectionPeriodListQuery, response: { 200: ProtectionPeriodList } } }, async (request) => {
    const actor = actorOf(request);
    const page = await listPeriods(db.orm, actor, request.query);
    const covered = await findCoveredOrgs(db.orm, page.items.map((item) => item.period.id));
    return {
      items: page.items.map((item) => presentPeriod(actor, { ...item, covered: covered.filter((c) => c.periodId === item.period.id).map((c) => c.org) })),
      total: page.total,
    };
  });

  app.post("/api/protection-periods", { schema: { tags, summary: "Declare a protection period for orgs of the caller's jurisdiction", body: CreateProtectionPeriodInput, response: { 201: ProtectionPeriod } } }, async (request, reply) => {
    reply.code(201);
    return runAction(app.deps, request, protection.createPeriod, request.body).then((view) => presentPeriod(actorOf(request), view));
  });

  app.get("/api/protection-periods/:id", { schema: { tags, summary: "One protection period with the orgs it covers", params: IdParams, response: { 200: ProtectionPeriod } } }, (request) =>
    runAction(app.deps, request, protection.getPeriod, request.params).then((view) => presentPeriod(actorOf(request), view)),
  );

  app.patch("/api/protection-periods/:id", { schema: { tags, summary: "Edit a protection period", params: IdParams, body: UpdateProtectionPeriodInput, response: { 200: ProtectionPeriod } } }, (request) =>
    runAction(app.deps, request, protection.updatePeriod, { ...request.body, id: request.params.id }).then((view) => presentPeriod(actorOf(request), view)),
  );

  app.post("/api/protection-periods/:id/reports", { schema: { tags, summary: "File a covered org's daily status report (nothing to report is a report)", params: IdParams, body: FileStatusReportInput, response: { 201: StatusReport } } }, async (request, reply) => {
    reply.code(201);
    return runAction(app.deps, request, protection.fileReport, { ...request.body, id: request.params.id }).then(presentReport);
  });

  app.get("/api/protection-periods/:id/report-status", { schema: { tags, summary: "Which covered orgs have reported for a date, on time or late, and which not", params: IdParams, querystring: ReportStatusQuery, response: { 200: ReportStatusBoard } } }, (request) =>
    runAction(app.deps, request, protection.reportStatus, { ...request.query, id: request.params.id }).then(presentReportStatus),
  );

  // --- Calendar feeds -------------------------------------------------------------------
  app.get("/api/calendar-feeds", { schema: { tags, summary: "The caller's own duty calendar feed and the org feeds it manages", response: { 200: CalendarFeedList } } }, async (request) => {
    const actor = actorOf(request);
    return { items: (await runAction(app.deps, request, calendar.listFeeds, {})).map((found) => presentFeed(actor, found)) };
  });

  app.post("/api/calendar-feeds", { schema: { tags, summary: "Make (or replace) the secret calendar address of an org's roster or of one's own shifts", body: CreateCalendarFeedInput, response: { 201: NewCalendarFeed } } }, async (request, reply) => {
    const made = await runAction(app.deps, request, calendar.createFeed, request.body);
    reply.code(201);
    return { ...presentFeed(actorOf(request), made), url: made.url };
  });

  app.delete("/api/calendar-feeds/:id", { schema: { tags, summary: "Revoke a calendar feed: its address stops working", params: IdParams, response: { 204: NoContent } } }, async (request, reply) => {
    await runAction(app.deps, request, calendar.revokeFeed, request.params);
    return reply.code(204).send(null);
  });

  app.get(
    "/api/calendar/:token.ics",
    {
      // Calendar apps fetch without a session: the secret address is the credential.
      config: { public: true },
      schema: { tags, summary: "A roster as iCalendar (RFC 5545), at its secret address", params: CalendarTokenParams, response: { 200: fileResponse(["text/calendar"], "An iCalendar feed") } },
    },
    async (request, reply) => {
      const feed = await db.orm.transaction((tx) => calendar.renderFeed(tx, clock, request.params.token));
      return reply.type(ICS).header("cache-control", "private, max-age=300").send(feed);
    },
  );
}
