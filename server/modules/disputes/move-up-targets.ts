// Where a case can be moved up to: the township (or street) or county above its org, at a
// higher level than the one handling it now. One rule for the offer and for the move itself.
import type { DisputeLevel } from "@shared/disputes/schemas.ts";

/** The level an org of each kind handles a case at; a village-level org or below cannot receive a case moved up. */
const LEVEL_OF_KIND: Partial<Record<string, DisputeLevel>> = { township: "township", street: "township", county: "county" };
const LEVEL_RANK: Record<DisputeLevel, number> = { village: 0, township: 1, county: 2 };

interface OrgAbove {
  id: string;
  name: string;
  kind: string;
  path: string;
}

/** The orgs among `candidates` that may receive a case of the org at `orgPath` handled at `level`, nearest first, with the level each would handle it at. */
export function moveUpTargets<Org extends OrgAbove>(candidates: readonly Org[], orgPath: string, level: DisputeLevel): (Org & { level: DisputeLevel })[] {
  return candidates
    .filter((org) => orgPath.startsWith(org.path) && org.path !== orgPath)
    .flatMap((org) => {
      const receives = LEVEL_OF_KIND[org.kind];
      return receives && LEVEL_RANK[receives] > LEVEL_RANK[level] ? [{ ...org, level: receives }] : [];
    })
    .sort((a, b) => b.path.length - a.path.length);
}
