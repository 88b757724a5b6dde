// A notification to a person of an org, through the one notifier, as an incident's response would make it.
import { and, asc, eq, sql } from "drizzle-orm";
import type { Db } from "../db/client.ts";
import { accounts } from "../db/schema.ts";
import { notifyPeople } from "../modules/notifications/notify.ts";
import type { OrgRow } from "../modules/orgs/queries.ts";
import { makeAccount } from "./factories.ts";

/** To the org's first admin (made if it has none): the person the route-wide tests sign in as inside the org. */
export async function makeNotification(db: Db, org: OrgRow, options: { recipientId?: string; now?: Date } = {}) {
  const [admin] = await db
    .select({ id: accounts.id })
    .from(accounts)
    .where(and(eq(accounts.orgId, org.id), sql`'admin' = ANY (${accounts.roles})`))
    .orderBy(asc(accounts.createdAt));
  const recipientId = options.recipientId ?? admin?.id ?? (await makeAccount(db, { org, roles: ["admin"] })).id;
  const notified = await db.transaction((tx) =>
    notifyPeople(tx, {
      kind: "incident_response",
      recipients: [recipientId],
      title: "【一般（Ⅳ级）】测试通知",
      body: "测试通知正文。",
      orgId: org.id,
      incidentId: null,
      level: "IV",
      now: options.now ?? new Date(),
    }),
  );
  return notified.notifications[0]!;
}
