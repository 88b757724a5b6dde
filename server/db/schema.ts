// The Drizzle view of the tables that the SQL migrations create. The migrations are the
// source of truth; `schema.test.ts` checks that this file agrees with them.
import { bigint, boolean, customType, date, integer, jsonb, numeric, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import type { DisputeEventDetail } from "@shared/disputes/schemas.ts";
import type { ScreeningFigures } from "@shared/disputes/screening-schemas.ts";
import type { ReportLink } from "@shared/duty/schemas.ts";
import type { DeadlineTiming, ReportContent, ReportFigures, ReviewFollowUpAction } from "@shared/incidents/report-schemas.ts";
import type { IncidentEventDetail } from "@shared/incidents/schemas.ts";
import type { DrillTiming, PlanContent } from "@shared/plans/schemas.ts";

const tz = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });

/** Binary content: PGlite hands it back as a Uint8Array and pg as a Buffer; both read as Buffer here. */
const bytea = customType<{ data: Buffer; driverData: Uint8Array }>({
  dataType: () => "bytea",
  fromDriver: (value) => (Buffer.isBuffer(value) ? value : Buffer.from(value.buffer, value.byteOffset, value.byteLength)),
});

export const orgs = pgTable("orgs", {
  id: uuid("id").primaryKey().defaultRandom(),
  parentId: uuid("parent_id"),
  path: text("path").notNull(),
  name: text("name").notNull(),
  kind: text("kind").notNull(),
  divisionCode: text("division_code"),
  phone: text("phone"),
  address: text("address"),
  active: boolean("active").notNull().default(true),
  version: integer("version").notNull().default(1),
  createdAt: tz("created_at").notNull().defaultNow(),
  updatedAt: tz("updated_at").notNull().defaultNow(),
});

export const accounts = pgTable("accounts", {
  id: uuid("id").primaryKey().defaultRandom(),
  orgId: uuid("org_id").notNull(),
  username: text("username").notNull(),
  displayName: text("display_name").notNull(),
  phone: text("phone"),
  email: text("email"),
  roles: text("roles").array().notNull(),
  passwordHash: text("password_hash").notNull(),
  mustChangePassword: boolean("must_change_password").notNull().default(false),
  passwordChangedAt: tz("password_changed_at").notNull().defaultNow(),
  active: boolean("active").notNull().default(true),
  version: integer("version").notNull().default(1),
  createdAt: tz("created_at").notNull().defaultNow(),
  updatedAt: tz("updated_at").notNull().defaultNow(),
});

export const sessions = pgTable("sessions", {
  tokenHash: text("token_hash").primaryKey(),
  accountId: uuid("account_id").notNull(),
  csrfToken: text("csrf_token").notNull(),
  createdAt: tz("created_at").notNull(),
  lastSeenAt: tz("last_seen_at").notNull(),
  ip: text("ip"),
  userAgent: text("user_agent"),
});

export const loginFailures = pgTable("login_failures", {
  id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
  username: text("username").notNull(),
  at: tz("at").notNull(),
  ip: text("ip"),
});

export const twoFactorSecrets = pgTable("two_factor_secrets", {
  accountId: uuid("account_id").primaryKey(),
  secretEncrypted: text("secret_encrypted").notNull(),
  createdAt: tz("created_at").notNull(),
  enabledAt: tz("enabled_at"),
  lastUsedStep: bigint("last_used_step", { mode: "number" }),
});

export const twoFactorRecoveryCodes = pgTable("two_factor_recovery_codes", {
  id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
  accountId: uuid("account_id").notNull(),
  codeHash: text("code_hash").notNull(),
  usedAt: tz("used_at"),
});

export const twoFactorChallenges = pgTable("two_factor_challenges", {
  tokenHash: text("token_hash").primaryKey(),
  accountId: uuid("account_id").notNull(),
  expiresAt: tz("expires_at").notNull(),
});

export const auditLog = pgTable("audit_log", {
  seq: bigint("seq", { mode: "number" }).primaryKey(),
  at: tz("at").notNull(),
  actorId: uuid("actor_id"),
  actorName: text("actor_name"),
  orgId: uuid("org_id"),
  action: text("action").notNull(),
  recordType: text("record_type"),
  recordId: text("record_id"),
  detail: jsonb("detail").$type<Record<string, unknown>>().notNull().default({}),
  reason: text("reason"),
  ip: text("ip"),
  prevHash: text("prev_hash").notNull(),
  hash: text("hash").notNull(),
});

/** What a prune of the audit log left: the seq and hash the remaining chain continues from. */
export const auditAnchors = pgTable("audit_anchors", {
  id: bigint("id", { mode: "number" }).primaryKey(),
  at: tz("at").notNull(),
  throughSeq: bigint("through_seq", { mode: "number" }).notNull(),
  throughHash: text("through_hash").notNull(),
  cutoff: tz("cutoff").notNull(),
  rowsPruned: bigint("rows_pruned", { mode: "number" }).notNull(),
  prevHash: text("prev_hash").notNull(),
  hash: text("hash").notNull(),
});

export const schemaMigrations = pgTable("schema_migrations", {
  name: text("name").primaryKey(),
  checksum: text("checksum").notNull(),
  appliedAt: tz("applied_at").notNull(),
});

export const plans = pgTable("plans", {
  id: uuid("id").primaryKey().defaultRandom(),
  orgId: uuid("org_id").notNull(),
  version: integer("version").notNull().default(1),
  createdAt: tz("created_at").notNull().defaultNow(),
  updatedAt: tz("updated_at").notNull().defaultNow(),
});

export const planVersions = pgTable("plan_versions", {
  id: uuid("id").primaryKey().defaultRandom(),
  planId: uuid("plan_id").notNull(),
  versionNo: integer("version_no").notNull(),
  status: text("status").notNull(),
  title: text("title").notNull(),
  categories: text("categories").array().notNull(),
  content: jsonb("content").$type<PlanContent>().notNull(),
  createdBy: uuid("created_by"),
  createdAt: tz("created_at").notNull(),
  updatedAt: tz("updated_at").notNull(),
  publishedAt: tz("published_at"),
  publishedBy: uuid("published_by"),
  retiredAt: tz("retired_at"),
});

export const groups = pgTable("groups", {
  id: uuid("id").primaryKey().defaultRandom(),
  orgId: uuid("org_id").notNull(),
  kind: text("kind").notNull(),
  name: text("name").notNull(),
  duties: text("duties"),
  parentId: uuid("parent_id"),
  planId: uuid("plan_id"),
  version: integer("version").notNull().default(1),
  createdAt: tz("created_at").notNull().defaultNow(),
  updatedAt: tz("updated_at").notNull().defaultNow(),
});

export const groupMembers = pgTable("group_members", {
  id: uuid("id").primaryKey().defaultRandom(),
  groupId: uuid("group_id").notNull(),
  accountId: uuid("account_id").notNull(),
  position: text("position").notNull(),
  joinedAt: tz("joined_at").notNull(),
  leftAt: tz("left_at"),
});

export const drills = pgTable("drills", {
  id: uuid("id").primaryKey().defaultRandom(),
  orgId: uuid("org_id").notNull(),
  planId: uuid("plan_id").notNull(),
  planVersionId: uuid("plan_version_id").notNull(),
  heldOn: date("held_on").notNull(),
  scenario: text("scenario").notNull(),
  participants: text("participants"),
  participantIds: uuid("participant_ids").array().notNull().default([]),
  timings: jsonb("timings").$type<DrillTiming[]>().notNull().default([]),
  findings: text("findings"),
  createdBy: uuid("created_by"),
  createdAt: tz("created_at").notNull(),
});

export const shifts = pgTable("shifts", {
  id: uuid("id").primaryKey().defaultRandom(),
  orgId: uuid("org_id").notNull(),
  startsAt: tz("starts_at").notNull(),
  endsAt: tz("ends_at").notNull(),
  officerIds: uuid("officer_ids").array().notNull(),
  leaderId: uuid("leader_id"),
  phone: text("phone").notNull(),
  note: text("note"),
  version: integer("version").notNull().default(1),
  createdBy: uuid("created_by"),
  createdAt: tz("created_at").notNull(),
  updatedAt: tz("updated_at").notNull(),
});

export const shiftLogEntries = pgTable("shift_log_entries", {
  id: uuid("id").primaryKey().defaultRandom(),
  shiftId: uuid("shift_id").notNull(),
  kind: text("kind").notNull(),
  at: tz("at").notNull(),
  text: text("text").notNull(),
  correctsId: uuid("corrects_id"),
  authorId: uuid("author_id").notNull(),
  writtenAt: tz("written_at").notNull(),
});

export const handovers = pgTable("handovers", {
  id: uuid("id").primaryKey().defaultRandom(),
  shiftId: uuid("shift_id").notNull(),
  orgId: uuid("org_id").notNull(),
  openMatters: text("open_matters").notNull(),
  watchItems: text("watch_items"),
  writtenBy: uuid("written_by").notNull(),
  writtenAt: tz("written_at").notNull(),
  acknowledgedBy: uuid("acknowledged_by"),
  acknowledgedAt: tz("acknowledged_at"),
  acknowledgementNote: text("acknowledgement_note"),
});

export const protectionPeriods = pgTable("protection_periods", {
  id: uuid("id").primaryKey().defaultRandom(),
  orgId: uuid("org_id").notNull(),
  name: text("name").notNull(),
  startDate: date("start_date").notNull(),
  endDate: date("end_date").notNull(),
  leaderRequired: boolean("leader_required").notNull().default(false),
  reportDueTime: text("report_due_time"),
  version: integer("version").notNull().default(1),
  createdBy: uuid("created_by"),
  createdAt: tz("created_at").notNull(),
  updatedAt: tz("updated_at").notNull(),
});

export const protectionPeriodOrgs = pgTable(
  "protection_period_orgs",
  {
    periodId: uuid("period_id").notNull(),
    orgId: uuid("org_id").notNull(),
  },
  (table) => [primaryKey({ columns: [table.periodId, table.orgId] })],
);

export const statusReports = pgTable("status_reports", {
  id: uuid("id").primaryKey().defaultRandom(),
  periodId: uuid("period_id").notNull(),
  orgId: uuid("org_id").notNull(),
  reportDate: date("report_date").notNull(),
  nothingToReport: boolean("nothing_to_report").notNull(),
  summary: text("summary"),
  links: jsonb("links").$type<ReportLink[]>().notNull().default([]),
  filedBy: uuid("filed_by").notNull(),
  filedAt: tz("filed_at").notNull(),
});

export const calendarFeeds = pgTable("calendar_feeds", {
  id: uuid("id").primaryKey().defaultRandom(),
  kind: text("kind").notNull(),
  orgId: uuid("org_id"),
  accountId: uuid("account_id"),
  tokenHash: text("token_hash").notNull(),
  createdBy: uuid("created_by").notNull(),
  createdAt: tz("created_at").notNull(),
  revokedAt: tz("revoked_at"),
});

export const deadlines = pgTable("deadlines", {
  id: uuid("id").primaryKey().defaultRandom(),
  kind: text("kind").notNull(),
  subjectType: text("subject_type").notNull(),
  subjectId: uuid("subject_id").notNull(),
  orgId: uuid("org_id").notNull(),
  dueAt: tz("due_at").notNull(),
  status: text("status").notNull().default("pending"),
  firedAt: tz("fired_at"),
  metAt: tz("met_at"),
  cancelledAt: tz("cancelled_at"),
  attempts: integer("attempts").notNull().default(0),
  retryAt: tz("retry_at"),
  lastError: text("last_error"),
  payload: jsonb("payload").$type<Record<string, unknown>>().notNull().default({}),
  createdAt: tz("created_at").notNull(),
});

export const incidents = pgTable("incidents", {
  id: uuid("id").primaryKey().defaultRandom(),
  clientReportId: uuid("client_report_id"),
  orgId: uuid("org_id").notNull(),
  status: text("status").notNull(),
  category: text("category").notNull(),
  subtype: text("subtype"),
  title: text("title").notNull(),
  description: text("description").notNull(),
  place: text("place").notNull(),
  latitude: numeric("latitude", { mode: "number" }),
  longitude: numeric("longitude", { mode: "number" }),
  occurredAt: tz("occurred_at").notNull(),
  source: text("source"),
  peopleInvolved: integer("people_involved").notNull().default(0),
  onlookers: integer("onlookers").notNull().default(0),
  deaths: integer("deaths").notNull().default(0),
  injuries: integer("injuries").notNull().default(0),
  missing: integer("missing").notNull().default(0),
  economicLoss: numeric("economic_loss", { mode: "number" }).notNull().default(0),
  cause: text("cause"),
  trend: text("trend"),
  measuresTaken: text("measures_taken"),
  helpNeeded: text("help_needed"),
  reporterName: text("reporter_name"),
  reporterContact: text("reporter_contact"),
  suggestedLevel: text("suggested_level"),
  level: text("level"),
  levelReason: text("level_reason"),
  planId: uuid("plan_id"),
  planVersionId: uuid("plan_version_id"),
  openedAt: tz("opened_at"),
  openedBy: uuid("opened_by"),
  reportedBy: uuid("reported_by").notNull(),
  reportedAt: tz("reported_at").notNull(),
  version: integer("version").notNull().default(1),
  updatedAt: tz("updated_at").notNull(),
  closedAt: tz("closed_at"),
  closedBy: uuid("closed_by"),
  outcome: text("outcome"),
  receivedAt: tz("received_at"),
  receivedBy: uuid("received_by"),
});

export const incidentTasks = pgTable("incident_tasks", {
  id: uuid("id").primaryKey().defaultRandom(),
  incidentId: uuid("incident_id").notNull(),
  groupId: uuid("group_id"),
  assigneeId: uuid("assignee_id"),
  reviewId: uuid("review_id"),
  level: text("level").notNull(),
  title: text("title").notNull(),
  description: text("description"),
  dueAt: tz("due_at").notNull(),
  deadlineId: uuid("deadline_id").notNull(),
  status: text("status").notNull().default("open"),
  notes: text("notes"),
  version: integer("version").notNull().default(1),
  createdAt: tz("created_at").notNull(),
  updatedAt: tz("updated_at").notNull(),
});

export const incidentEvents = pgTable("incident_events", {
  seq: bigint("seq", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
  incidentId: uuid("incident_id").notNull(),
  kind: text("kind").notNull(),
  at: tz("at").notNull(),
  actorId: uuid("actor_id"),
  actorName: text("actor_name"),
  detail: jsonb("detail").$type<IncidentEventDetail>().notNull(),
});

export const incidentAttachments = pgTable("incident_attachments", {
  id: uuid("id").primaryKey().defaultRandom(),
  seq: bigint("seq", { mode: "number" }).notNull().generatedAlwaysAsIdentity(),
  incidentId: uuid("incident_id").notNull(),
  fileName: text("file_name").notNull(),
  mediaType: text("media_type").notNull(),
  sizeBytes: integer("size_bytes").notNull(),
  sha256: text("sha256").notNull(),
  content: bytea("content").notNull(),
  thumbnail: bytea("thumbnail"),
  width: integer("width"),
  height: integer("height"),
  uploadedBy: uuid("uploaded_by").notNull(),
  uploadedByName: text("uploaded_by_name").notNull(),
  uploadedAt: tz("uploaded_at").notNull(),
});

export const incidentReviews = pgTable("incident_reviews", {
  id: uuid("id").primaryKey().defaultRandom(),
  incidentId: uuid("incident_id").notNull(),
  closedAt: tz("closed_at").notNull(),
  closedBy: uuid("closed_by").notNull(),
  closedByName: text("closed_by_name").notNull(),
  outcome: text("outcome").notNull(),
  figures: jsonb("figures").$type<ReportFigures>().notNull(),
  summary: text("summary").notNull(),
  lessons: text("lessons").notNull(),
  followUpActions: jsonb("follow_up_actions").$type<ReviewFollowUpAction[]>().notNull().default([]),
  timings: jsonb("timings").$type<DeadlineTiming[]>().notNull().default([]),
});

export const incidentReports = pgTable("incident_reports", {
  id: uuid("id").primaryKey().defaultRandom(),
  incidentId: uuid("incident_id").notNull(),
  kind: text("kind").notNull(),
  sequence: integer("sequence"),
  reviewId: uuid("review_id"),
  status: text("status").notNull(),
  title: text("title").notNull(),
  content: jsonb("content").$type<ReportContent>().notNull(),
  fromOrgId: uuid("from_org_id").notNull(),
  toOrgId: uuid("to_org_id"),
  createdBy: uuid("created_by").notNull(),
  createdAt: tz("created_at").notNull(),
  updatedAt: tz("updated_at").notNull(),
  approvedBy: uuid("approved_by"),
  approvedAt: tz("approved_at"),
  sentBy: uuid("sent_by"),
  sentAt: tz("sent_at"),
  version: integer("version").notNull().default(1),
});

export const notifications = pgTable("notifications", {
  id: uuid("id").primaryKey().defaultRandom(),
  recipientId: uuid("recipient_id").notNull(),
  kind: text("kind").notNull(),
  title: text("title").notNull(),
  body: text("body").notNull(),
  orgId: uuid("org_id").notNull(),
  incidentId: uuid("incident_id"),
  disputeId: uuid("dispute_id"),
  level: text("level"),
  deadlineId: uuid("deadline_id"),
  createdAt: tz("created_at").notNull(),
  sentAt: tz("sent_at"),
  realtimeSentAt: tz("realtime_sent_at"),
  deliveredAt: tz("delivered_at"),
  acknowledgedAt: tz("acknowledged_at"),
  acknowledgedBy: uuid("acknowledged_by"),
  routedAt: tz("routed_at"),
});

export const notificationDeliveries = pgTable("notification_deliveries", {
  id: uuid("id").primaryKey().defaultRandom(),
  notificationId: uuid("notification_id").notNull(),
  channel: text("channel").notNull(),
  status: text("status").notNull().default("pending"),
  attempts: integer("attempts").notNull().default(0),
  nextAttemptAt: tz("next_attempt_at").notNull(),
  lastError: text("last_error"),
  sentAt: tz("sent_at"),
  createdAt: tz("created_at").notNull(),
});

export const orgWebhooks = pgTable("org_webhooks", {
  orgId: uuid("org_id").primaryKey(),
  url: text("url").notNull(),
  secret: text("secret").notNull(),
  updatedAt: tz("updated_at").notNull(),
  updatedBy: uuid("updated_by").notNull(),
});

export const liveEvents = pgTable("live_events", {
  seq: bigint("seq", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
  type: text("type").notNull(),
  incidentId: uuid("incident_id"),
  orgId: uuid("org_id").notNull(),
  orgPath: text("org_path").notNull(),
  ownerId: uuid("owner_id"),
  recipientId: uuid("recipient_id"),
  notificationId: uuid("notification_id"),
  disputeId: uuid("dispute_id"),
  at: tz("at").notNull(),
});

export const disputes = pgTable("disputes", {
  id: uuid("id").primaryKey().defaultRandom(),
  orgId: uuid("org_id").notNull(),
  caseYear: integer("case_year").notNull(),
  caseSeq: integer("case_seq").notNull(),
  status: text("status").notNull(),
  source: text("source").notNull(),
  screeningKind: text("screening_kind"),
  referredBy: text("referred_by"),
  referringBody: text("referring_body"),
  type: text("type").notNull(),
  summary: text("summary").notNull(),
  claims: text("claims").notNull(),
  amountInDispute: numeric("amount_in_dispute", { mode: "number" }),
  peopleInvolved: integer("people_involved").notNull(),
  occurredAt: tz("occurred_at").notNull(),
  risk: text("risk").notNull(),
  riskReason: text("risk_reason"),
  level: text("level").notNull(),
  route: text("route").notNull(),
  registeredBy: uuid("registered_by").notNull(),
  registeredAt: tz("registered_at").notNull(),
  version: integer("version").notNull().default(1),
  updatedAt: tz("updated_at").notNull(),
  acceptedAt: tz("accepted_at"),
  acceptedBy: uuid("accepted_by"),
  acceptanceReason: text("acceptance_reason"),
  mediationDueAt: tz("mediation_due_at"),
  refusedAt: tz("refused_at"),
  refusedBy: uuid("refused_by"),
  refusalReason: text("refusal_reason"),
  redirectTo: text("redirect_to"),
  redirectDetail: text("redirect_detail"),
  concludedAt: tz("concluded_at"),
  outcomeNote: text("outcome_note"),
  caseOrgId: uuid("case_org_id").notNull(),
});

export const disputeSessions = pgTable("dispute_sessions", {
  id: uuid("id").primaryKey().defaultRandom(),
  disputeId: uuid("dispute_id").notNull(),
  heldAt: tz("held_at").notNull(),
  place: text("place").notNull(),
  attendees: text("attendees").notNull(),
  applicantStatement: text("applicant_statement").notNull(),
  respondentStatement: text("respondent_statement").notNull(),
  proposals: text("proposals"),
  result: text("result").notNull(),
  recordedBy: uuid("recorded_by").notNull(),
  recordedAt: tz("recorded_at").notNull(),
});

export const disputeAttachments = pgTable("dispute_attachments", {
  id: uuid("id").primaryKey().defaultRandom(),
  seq: bigint("seq", { mode: "number" }).notNull().generatedAlwaysAsIdentity(),
  disputeId: uuid("dispute_id").notNull(),
  sessionId: uuid("session_id"),
  fileName: text("file_name").notNull(),
  mediaType: text("media_type").notNull(),
  sizeBytes: integer("size_bytes").notNull(),
  sha256: text("sha256").notNull(),
  content: bytea("content").notNull(),
  thumbnail: bytea("thumbnail"),
  width: integer("width"),
  height: integer("height"),
  uploadedBy: uuid("uploaded_by").notNull(),
  uploadedByName: text("uploaded_by_name").notNull(),
  uploadedAt: tz("uploaded_at").notNull(),
});

export const disputeAgreements = pgTable("dispute_agreements", {
  id: uuid("id").primaryKey().defaultRandom(),
  disputeId: uuid("dispute_id").notNull(),
  form: text("form").notNull(),
  facts: text("facts").notNull(),
  terms: jsonb("terms").$type<string[]>().notNull(),
  performanceManner: text("performance_manner").notNull(),
  performanceDueOn: date("performance_due_on").notNull(),
  madeAt: tz("made_at").notNull(),
  recordedBy: uuid("recorded_by").notNull(),
});

export const disputeFollowUps = pgTable("dispute_follow_ups", {
  id: uuid("id").primaryKey().defaultRandom(),
  disputeId: uuid("dispute_id").notNull(),
  agreementId: uuid("agreement_id").notNull(),
  dueAt: tz("due_at").notNull(),
  visitedAt: tz("visited_at"),
  performance: text("performance"),
  notes: text("notes"),
  recordedBy: uuid("recorded_by"),
  recordedAt: tz("recorded_at"),
});

export const disputeScreeningReports = pgTable("dispute_screening_reports", {
  id: uuid("id").primaryKey().defaultRandom(),
  orgId: uuid("org_id").notNull(),
  periodStart: date("period_start").notNull(),
  screenings: integer("screenings").notNull(),
  note: text("note"),
  figures: jsonb("figures").$type<ScreeningFigures>().notNull(),
  submittedBy: uuid("submitted_by").notNull(),
  submittedAt: tz("submitted_at").notNull(),
});

export const disputeReferrals = pgTable("dispute_referrals", {
  id: uuid("id").primaryKey().defaultRandom(),
  disputeId: uuid("dispute_id").notNull(),
  receiverKind: text("receiver_kind").notNull(),
  receiverName: text("receiver_name").notNull(),
  reason: text("reason").notNull(),
  referredAt: tz("referred_at").notNull(),
  referredBy: uuid("referred_by").notNull(),
  result: text("result"),
  resultNote: text("result_note"),
  resultAt: tz("result_at"),
  resultBy: uuid("result_by"),
});

export const disputeMediators = pgTable("dispute_mediators", {
  id: uuid("id").primaryKey().defaultRandom(),
  disputeId: uuid("dispute_id").notNull(),
  accountId: uuid("account_id").notNull(),
  lead: boolean("lead").notNull(),
  assignedAt: tz("assigned_at").notNull(),
  assignedBy: uuid("assigned_by").notNull(),
  removedAt: tz("removed_at"),
  removedBy: uuid("removed_by"),
});

export const disputeExtensions = pgTable("dispute_extensions", {
  id: uuid("id").primaryKey().defaultRandom(),
  disputeId: uuid("dispute_id").notNull(),
  previousDueAt: tz("previous_due_at").notNull(),
  newDueAt: tz("new_due_at").notNull(),
  reason: text("reason").notNull(),
  partiesAgreed: boolean("parties_agreed").notNull(),
  extendedAt: tz("extended_at").notNull(),
  extendedBy: uuid("extended_by").notNull(),
});

export const disputeCaseCounters = pgTable(
  "dispute_case_counters",
  {
    orgId: uuid("org_id").notNull(),
    caseYear: integer("case_year").notNull(),
    lastSeq: integer("last_seq").notNull(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.caseYear] })],
);

export const disputeParties = pgTable("dispute_parties", {
  id: uuid("id").primaryKey().defaultRandom(),
  disputeId: uuid("dispute_id").notNull(),
  position: integer("position").notNull(),
  side: text("side").notNull(),
  kind: text("kind").notNull(),
  name: text("name").notNull(),
  contactPhone: text("contact_phone"),
  idNumber: text("id_number"),
  agentName: text("agent_name"),
  agentContact: text("agent_contact"),
});

export const disputeEvents = pgTable("dispute_events", {
  seq: bigint("seq", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
  disputeId: uuid("dispute_id").notNull(),
  kind: text("kind").notNull(),
  at: tz("at").notNull(),
  actorId: uuid("actor_id"),
  actorName: text("actor_name"),
  detail: jsonb("detail").$type<DisputeEventDetail>().notNull(),
});

/** The dispute statistics' counts per period (day, week, month) of registration and of conclusion, org, type and level (kept by triggers; 0018). */
export const disputeCounts = pgTable("dispute_counts", {
  period: text("period").notNull(),
  orgId: uuid("org_id").notNull(),
  registeredOn: date("registered_on").notNull(),
  type: text("type").notNull(),
  level: text("level").notNull(),
  concludedOn: date("concluded_on"),
  cases: integer("cases").notNull(),
  statusRegistered: integer("status_registered").notNull(),
  statusAccepted: integer("status_accepted").notNull(),
  statusRefused: integer("status_refused").notNull(),
  statusInMediation: integer("status_in_mediation").notNull(),
  statusAgreed: integer("status_agreed").notNull(),
  statusNotAgreed: integer("status_not_agreed").notNull(),
  statusWithdrawn: integer("status_withdrawn").notNull(),
  statusReferred: integer("status_referred").notNull(),
  statusClosed: integer("status_closed").notNull(),
  everAccepted: integer("ever_accepted").notNull(),
  closedWithAgreement: integer("closed_with_agreement").notNull(),
  everReferred: integer("ever_referred").notNull(),
  concluded: integer("concluded").notNull(),
  concludedOnTime: integer("concluded_on_time").notNull(),
});

export const disputeTypes = pgTable("dispute_types", {
  key: text("key").primaryKey(),
  nameZh: text("name_zh").notNull(),
  nameEn: text("name_en").notNull(),
  position: integer("position").notNull(),
  active: boolean("active").notNull().default(true),
});
