import type { OrgKind } from "@shared/orgs/schemas.ts";
import type { Role } from "@shared/roles.ts";
import type { Db } from "../db/client.ts";
import { insertAccount } from "../modules/accounts/queries.ts";
import { hashPassword } from "../modules/auth/password-hash.ts";
import { type OrgRow, insertOrg } from "../modules/orgs/queries.ts";

export const TEST_PASSWORD = "Test-password-2026";

let hashed: Promise<string> | null = null;
/** Hashing once per process keeps factories fast; argon2 is deliberately slow. */
const testPasswordHash = () => (hashed ??= hashPassword(TEST_PASSWORD));

let serial = 0;
const next = () => ++serial;

export async function makeOrg(db: Db, overrides: { parent?: OrgRow | null; name?: string; kind?: OrgKind; active?: boolean } = {}) {
  const parent = overrides.parent ?? null;
  return insertOrg(db, {
    parentId: parent?.id ?? null,
    parentPath: parent?.path ?? "/",
    name: overrides.name ?? `测试组织${next()}`,
    kind: overrides.kind ?? (parent ? "village" : "county"),
    active: overrides.active ?? true,
  });
}

export async function makeAccount(
  db: Db,
  overrides: { org?: OrgRow; roles?: Role[]; username?: string; displayName?: string; phone?: string | null; mustChangePassword?: boolean; active?: boolean } = {},
) {
  const org = overrides.org ?? (await makeOrg(db));
  const n = next();
  const account = await insertAccount(db, {
    orgId: org.id,
    username: overrides.username ?? `user${n}`,
    displayName: overrides.displayName ?? `测试用户${n}`,
    phone: overrides.phone === undefined ? `1380000${String(n).padStart(4, "0")}` : overrides.phone,
    email: `user${n}@example.cn`,
    roles: overrides.roles ?? ["officer"],
    passwordHash: await testPasswordHash(),
    mustChangePassword: overrides.mustChangePassword ?? false,
    active: overrides.active ?? true,
  });
  return { ...account, org };
}

/**
 * A county with two townships and their villages, and an account of every role at township A:
 * the org relations (same org, ancestor, descendant, sibling, unrelated) the policy tests need.
 */
export async function makeWorld(db: Db) {
  const county = await makeOrg(db, { name: "测试县", kind: "county" });
  const townshipA = await makeOrg(db, { parent: county, name: "甲镇", kind: "township" });
  const townshipB = await makeOrg(db, { parent: county, name: "乙镇", kind: "township" });
  const villageA = await makeOrg(db, { parent: townshipA, name: "甲一村", kind: "village" });
  const villageB = await makeOrg(db, { parent: townshipB, name: "乙一村", kind: "village" });
  const other = await makeOrg(db, { name: "外县", kind: "county" });
  const at = async (org: OrgRow, role: Role, username: string) => makeAccount(db, { org, roles: [role], username });
  return {
    county,
    townshipA,
    townshipB,
    villageA,
    villageB,
    other,
    countyAdmin: await at(county, "admin", "county-admin"),
    admin: await at(townshipA, "admin", "a-admin"),
    leader: await at(townshipA, "leader", "a-leader"),
    officer: await at(townshipA, "officer", "a-officer"),
    duty: await at(townshipA, "duty", "a-duty"),
    mediator: await at(townshipA, "mediator", "a-mediator"),
    inspector: await at(townshipA, "inspector", "a-inspector"),
    reporter: await at(townshipA, "reporter", "a-reporter"),
    auditor: await at(townshipA, "auditor", "a-auditor"),
    villageAdmin: await at(villageA, "admin", "v-admin"),
    villageReporter: await at(villageA, "reporter", "v-reporter"),
    adminB: await at(townshipB, "admin", "b-admin"),
    officerB: await at(townshipB, "officer", "b-officer"),
  };
}
export type World = Awaited<ReturnType<typeof makeWorld>>;
