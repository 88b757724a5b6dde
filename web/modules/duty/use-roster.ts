import { App } from "antd";
import { useCallback, useEffect, useRef, useState } from "react";
import type { Roster } from "@shared/duty/schemas.ts";
import { api, query } from "../../app/api.ts";
import { showApiError } from "../../app/form-errors.ts";

/** The roster of one org over a date range, with the server's coverage warnings. */
export function useRoster(orgId: string | undefined, from: string, to: string) {
  const { message } = App.useApp();
  const [roster, setRoster] = useState<Roster | null>(null);
  // Paging quickly through weeks sends several requests; only the latest one's answer is shown.
  const latest = useRef(0);
  const reload = useCallback(async () => {
    if (!orgId) return;
    const request = ++latest.current;
    try {
      const next = await api<Roster>("GET", `/api/shifts${query({ orgId, from, to })}`);
      if (request === latest.current) setRoster(next);
    } catch (error) {
      showApiError(error, message);
    }
  }, [orgId, from, to, message]);
  useEffect(() => {
    void reload();
  }, [reload]);
  return { roster, reload };
}
