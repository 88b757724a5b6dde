import { App } from "antd";
import { useCallback, useEffect, useRef, useState } from "react";
import type { ScreeningReportBoard, ScreeningReportDraft } from "@shared/disputes/screening-schemas.ts";
import { api, query } from "../../app/api.ts";
import { showApiError } from "../../app/form-errors.ts";

/** The org's own draft and the board of it and its children for one period, re-read together after filing. */
export function useScreening(orgId: string, period: string) {
  const { message } = App.useApp();
  const [draft, setDraft] = useState<ScreeningReportDraft | null>(null);
  const [board, setBoard] = useState<ScreeningReportBoard | null>(null);
  // Switching org or period quickly sends several requests; only the latest one's answer is shown.
  const latest = useRef(0);
  const reload = useCallback(async () => {
    const request = ++latest.current;
    try {
      const params = query({ orgId, period });
      const [nextDraft, nextBoard] = await Promise.all([
        api<ScreeningReportDraft>("GET", `/api/disputes/screening-reports/draft${params}`),
        api<ScreeningReportBoard>("GET", `/api/disputes/screening-reports${params}`),
      ]);
      if (request !== latest.current) return;
      setDraft(nextDraft);
      setBoard(nextBoard);
    } catch (error) {
      showApiError(error, message);
    }
  }, [orgId, period, message]);
  useEffect(() => {
    void reload();
  }, [reload]);
  const current = draft?.orgId === orgId && draft.periodStart === period;
  return { draft: current ? draft : null, board: current ? board : null, reload };
}
