import { passwordWeakness } from "@shared/accounts/password.ts";
import { OrgKind } from "@shared/orgs/schemas.ts";
import { USERNAME_PATTERN } from "@shared/limits.ts";
import { writeAudit } from "../audit/writer.ts";
import type { Clock } from "../clock.ts";
import type { Database } from "../db/client.ts";
import { translate } from "../http/messages.ts";
import { findAccountByUsername, insertAccount } from "../modules/accounts/queries.ts";
import { hashPassword } from "../modules/auth/password-hash.ts";
import { findRootOrgs, insertOrg } from "../modules/orgs/queries.ts";

interface Input {
  username?: string | undefined;
  displayName?: string | undefined;
  password?: string | undefined;
  orgName?: string | undefined;
  orgKind?: string | undefined;
}

/** Bootstraps a deployment: the first administrator, placed at the root org (created if the tree is empty). */
export async function createFirstAdmin(db: Database, clock: Clock, input: Input) {
  const username = input.username?.trim().toLowerCase() ?? "";
  if (!USERNAME_PATTERN.test(username)) throw new Error("--username is required: lower-case letters, digits and . _ -");
  if (!input.password) throw new Error("Set the password in the HUAJIE_ADMIN_PASSWORD environment variable.");
  const weakness = passwordWeakness(input.password);
  if (weakness) throw new Error(translate("en", weakness as "password.tooShort"));
  const kind = OrgKind.parse(input.orgKind ?? "county");
  return db.orm.transaction(async (tx) => {
    if (await findAccountByUsername(tx, username)) throw new Error(`The username ${username} is taken.`);
    const roots = await findRootOrgs(tx);
    let org = input.orgName ? roots.find((root) => root.name === input.orgName) : roots[0];
    if (!org) {
      if (!input.orgName) throw new Error("The org tree is empty: name the root org with --org-name.");
      org = await insertOrg(tx, { parentId: null, parentPath: "/", name: input.orgName, kind, createdAt: clock.now(), updatedAt: clock.now() });
    }
    const account = await insertAccount(tx, {
      orgId: org.id,
      username,
      displayName: input.displayName?.trim() || username,
      roles: ["admin"],
      passwordHash: await hashPassword(input.password!),
    });
    await writeAudit(tx, { actor: null, clock }, { action: "account.create", orgId: org.id, recordType: "account", recordId: account.id, detail: { username, roles: ["admin"], by: "huajie create-admin" } });
    return { username, orgName: org.name };
  });
}
