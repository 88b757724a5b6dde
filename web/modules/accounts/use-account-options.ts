import { useEffect, useState } from "react";
import type { Account } from "@shared/accounts/schemas.ts";
import { PAGE_SIZE_MAX } from "@shared/limits.ts";
import { api, query } from "../../app/api.ts";

/** Active accounts the caller can see, for pickers (members, duty officers); the server re-checks each choice. */
export function useAccountOptions(enabled = true) {
  const [accounts, setAccounts] = useState<Account[]>([]);
  useEffect(() => {
    if (!enabled) return;
    api<{ items: Account[] }>("GET", `/api/accounts${query({ limit: PAGE_SIZE_MAX })}`).then((page) => setAccounts(page.items), () => setAccounts([]));
  }, [enabled]);
  return accounts.map((account) => ({ value: account.id, label: `${account.displayName}（${account.orgName}）`, account }));
}
