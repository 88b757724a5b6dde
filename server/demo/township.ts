import type { OrgKind } from "@shared/orgs/schemas.ts";
import type { Role } from "@shared/roles.ts";
import { writeAudit } from "../audit/writer.ts";
import type { Clock } from "../clock.ts";
import type { Db } from "../db/client.ts";
import { insertAccount } from "../modules/accounts/queries.ts";
import { hashPassword } from "../modules/auth/password-hash.ts";
import { type OrgRow, findRootOrgs, insertOrg } from "../modules/orgs/queries.ts";
import { loadDemoDisputes } from "./disputes.ts";
import { loadDemoDuty } from "./duty.ts";
import { loadDemoIncidents } from "./incidents.ts";
import { loadDemoPlans } from "./plans.ts";

export const DEMO_PASSWORD = "huajie-demo";

// A fictional county and township. Names of places and people are invented.
const VILLAGES: { slug: string; name: string; kind: OrgKind; reporter: string; cadre?: string }[] = [
  { slug: "qingshan", name: "青山社区", kind: "community", reporter: "陈晓燕", cadre: "罗建平" },
  { slug: "hekou", name: "河口村", kind: "village", reporter: "王建国", cadre: "谢光辉" },
  { slug: "yangliu", name: "杨柳村", kind: "village", reporter: "刘春花", cadre: "唐桂英" },
  { slug: "shiqiao", name: "石桥村", kind: "village", reporter: "赵德明", cadre: "邓志刚" },
  { slug: "taoyuan", name: "桃园村", kind: "village", reporter: "孙丽萍" },
  { slug: "zhulin", name: "竹林村", kind: "village", reporter: "周国强" },
  { slug: "xinjie", name: "新街社区", kind: "community", reporter: "吴芳" },
  { slug: "donggang", name: "东岗村", kind: "village", reporter: "郑永福" },
];

const TOWNSHIP_STAFF: { username: string; name: string; roles: Role[] }[] = [
  { username: "admin", name: "林志远", roles: ["admin"] },
  { username: "leader", name: "张卫东", roles: ["leader"] },
  { username: "leader-deputy", name: "黄秀英", roles: ["leader"] },
  { username: "officer", name: "李明", roles: ["officer"] },
  { username: "officer2", name: "何静", roles: ["officer"] },
  { username: "duty", name: "马超", roles: ["duty"] },
  { username: "duty2", name: "许婷", roles: ["duty"] },
  { username: "mediator", name: "钱淑芬", roles: ["mediator"] },
  { username: "inspector", name: "冯刚", roles: ["inspector"] },
  { username: "reporter", name: "蒋小军", roles: ["reporter"] },
  { username: "auditor", name: "沈玉兰", roles: ["auditor"] },
];

interface DemoOrg {
  name: string;
  kind: OrgKind;
  divisionCode?: string;
  phone?: string;
  address?: string;
  staff: { username: string; name: string; roles: Role[]; phone?: string }[];
}

/**
 * Loads the demonstration township on an empty database and says how to sign in; on a database
 * that already has orgs it does nothing, so `npm run demo` keeps what a visitor changed.
 */
export async function loadDemoTownship(db: Db, clock: Clock): Promise<string> {
  const signIn = `Demo sign-in: admin / ${DEMO_PASSWORD} (also leader, officer, duty, mediator, inspector, reporter, auditor, reporter-hekou, county-duty …).`;
  if ((await findRootOrgs(db)).length > 0) return signIn;
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  await db.transaction(async (tx) => {
    const now = clock.now();
    let serial = 0;
    const add = async (parent: OrgRow | null, org: DemoOrg) => {
      const row = await insertOrg(tx, {
        parentId: parent?.id ?? null,
        parentPath: parent?.path ?? "/",
        name: org.name,
        kind: org.kind,
        divisionCode: org.divisionCode ?? null,
        phone: org.phone ?? null,
        address: org.address ?? null,
        createdAt: now,
        updatedAt: now,
      });
      for (const person of org.staff) {
        serial += 1;
        await insertAccount(tx, {
          orgId: row.id,
          username: person.username,
          displayName: person.name,
          roles: person.roles,
          phone: person.phone ?? `1390571${String(1000 + serial).padStart(4, "0")}`,
          email: `${person.username}@demo.huajie.cn`,
          passwordHash,
        });
      }
      return row;
    };

    const county = await add(null, {
      name: "临江县",
      kind: "county",
      divisionCode: "330199",
      phone: "0571-86000000",
      staff: [
        { username: "county-admin", name: "邵建华", roles: ["admin"] },
        { username: "county-leader", name: "方振国", roles: ["leader"] },
        { username: "county-officer", name: "韩雪", roles: ["officer"] },
        { username: "county-duty", name: "曹磊", roles: ["duty"] },
      ],
    });
    const township = await add(county, {
      name: "青山镇",
      kind: "township",
      divisionCode: "330199101",
      phone: "0571-86100110",
      address: "临江县青山镇人民路 1 号",
      staff: TOWNSHIP_STAFF,
    });
    for (const village of VILLAGES) {
      await add(township, {
        name: village.name,
        kind: village.kind,
        staff: [
          { username: `reporter-${village.slug}`, name: village.reporter, roles: ["reporter"] },
          ...(["hekou", "shiqiao", "qingshan"].includes(village.slug)
            ? [{ username: `mediator-${village.slug}`, name: `${village.name}调委会主任`, roles: ["mediator"] as Role[] }]
            : []),
          // A village cadre (村干部) who files the village's daily status report in protection periods.
          ...(village.cadre ? [{ username: `cadre-${village.slug}`, name: village.cadre, roles: ["officer"] as Role[] }] : []),
        ],
      });
    }
    await add(township, {
      name: "青山镇中心小学",
      kind: "school",
      staff: [
        { username: "school-safety", name: "杜文博", roles: ["officer", "inspector"] },
        { username: "school-head", name: "宋立华", roles: ["leader"] },
        { username: "school-duty", name: "梁晓红", roles: ["duty"] },
      ],
    });
    await add(township, { name: "青山食品有限公司", kind: "enterprise", staff: [{ username: "enterprise-safety", name: "彭海", roles: ["inspector"] }] });
    await add(township, {
      name: "青山镇安置房建设项目",
      kind: "project",
      staff: [
        { username: "project-safety", name: "袁立新", roles: ["inspector", "reporter"] },
        { username: "project-manager", name: "潘国栋", roles: ["leader"] },
      ],
    });
    await loadDemoPlans(tx, clock);
    await loadDemoDuty(tx, clock);
    await loadDemoIncidents(tx, clock);
    await loadDemoDisputes(tx, clock);
    await writeAudit(tx, { actor: null, clock }, { action: "demo.load", orgId: township.id, detail: { accounts: serial } });
  });
  return `Loaded the demonstration township 青山镇. ${signIn}`;
}
