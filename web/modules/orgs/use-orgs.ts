import { useCallback, useEffect, useState } from "react";
import { PAGE_SIZE_MAX } from "@shared/limits.ts";
import type { Org } from "@shared/orgs/schemas.ts";
import { api, query } from "../../app/api.ts";

/** Every org of the caller's jurisdiction, page by page, for the tree and the org pickers. */
export async function fetchAllOrgs(filter: { q?: string; includeInactive?: boolean } = {}): Promise<Org[]> {
  const all: Org[] = [];
  for (;;) {
    const page = await api<{ items: Org[]; total: number }>(
      "GET",
      `/api/orgs${query({ q: filter.q, includeInactive: filter.includeInactive ? "true" : undefined, offset: all.length, limit: PAGE_SIZE_MAX })}`,
    );
    all.push(...page.items);
    if (page.items.length === 0 || all.length >= page.total) return all;
  }
}

export function useOrgs(filter: { q?: string; includeInactive?: boolean } = {}) {
  const [orgs, setOrgs] = useState<Org[] | null>(null);
  const { q, includeInactive } = filter;
  const reload = useCallback(async () => {
    setOrgs(await fetchAllOrgs({ ...(q ? { q } : {}), ...(includeInactive ? { includeInactive } : {}) }));
  }, [q, includeInactive]);
  useEffect(() => {
    void reload();
  }, [reload]);
  return { orgs, reload };
}

export interface OrgNode {
  key: string;
  value: string;
  title: string;
  org: Org;
  children: OrgNode[];
}

/** Nests the flat list by parentId; an org whose parent is outside the list is a root (the caller's own org). */
export function toTree(orgs: Org[], title: (org: Org) => string = (org) => org.name): OrgNode[] {
  const nodes = new Map(orgs.map((org) => [org.id, { key: org.id, value: org.id, title: title(org), org, children: [] as OrgNode[] }]));
  const roots: OrgNode[] = [];
  for (const node of nodes.values()) {
    const parent = node.org.parentId ? nodes.get(node.org.parentId) : undefined;
    (parent ? parent.children : roots).push(node);
  }
  const byName = (a: OrgNode, b: OrgNode) => a.org.name.localeCompare(b.org.name, "zh-CN");
  const sort = (list: OrgNode[]): OrgNode[] => list.sort(byName).map((node) => ({ ...node, children: sort(node.children) }));
  return sort(roots);
}
