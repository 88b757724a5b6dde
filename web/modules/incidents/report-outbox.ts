import { useEffect, useState } from "react";
import type { Incident, ReportIncidentInput } from "@shared/incidents/schemas.ts";
import type { Problem } from "@shared/problem.ts";
import { ApiError, api } from "../../app/api.ts";

// A reporter in the field often has one bar of signal or none. What they typed is kept on the
// device: the draft as they type, and a finished report that could not leave in an outbox that
// is sent when the network returns. Both are kept per account, so a shared phone never sends
// one person's report under another's name.

/** What the form holds, as it is saved: the time as an ISO string instead of a date object. */
export type ReportDraft = Partial<Omit<ReportIncidentInput, "occurredAt">> & { occurredAt?: string };

export interface QueuedReport {
  id: string;
  accountId: string;
  queuedAt: string;
  input: ReportIncidentInput;
  /** The server refused it (a 4xx): it waits for the reporter to correct it. */
  rejected?: Problem;
}

const OUTBOX_KEY = "huajie.incident-outbox";
const draftKey = (accountId: string) => `huajie.incident-draft.${accountId}`;
const CHANGED = "huajie:outbox-changed";
/** Fired on the window when a queued report reaches the server, so open lists can reload. */
export const QUEUED_REPORT_SENT = "huajie:queued-report-sent";

function readJson<T>(key: string, fallback: T): T {
  try {
    const text = localStorage.getItem(key);
    return text ? (JSON.parse(text) as T) : fallback;
  } catch {
    return fallback;
  }
}

export const loadDraft = (accountId: string): ReportDraft | null => readJson<ReportDraft | null>(draftKey(accountId), null);
export const saveDraft = (accountId: string, draft: ReportDraft) => localStorage.setItem(draftKey(accountId), JSON.stringify(draft));
export const clearDraft = (accountId: string) => localStorage.removeItem(draftKey(accountId));

/** Every queued report on this device; the page before sign-in shows them all, since it knows no account. */
export const allQueued = (): QueuedReport[] => readJson<QueuedReport[]>(OUTBOX_KEY, []);

function writeOutbox(reports: QueuedReport[]) {
  localStorage.setItem(OUTBOX_KEY, JSON.stringify(reports));
  window.dispatchEvent(new Event(CHANGED));
}

export function enqueueReport(accountId: string, input: ReportIncidentInput) {
  writeOutbox([...allQueued(), { id: crypto.randomUUID(), accountId, queuedAt: new Date().toISOString(), input }]);
}

export function removeQueued(id: string) {
  writeOutbox(allQueued().filter((report) => report.id !== id));
}

/** The queued reports, kept current when this tab or another one changes the outbox. */
export function useOutbox(accountId?: string): QueuedReport[] {
  const read = () => allQueued().filter((report) => !accountId || report.accountId === accountId);
  const [reports, setReports] = useState(read);
  useEffect(() => {
    const refresh = () => setReports(allQueued().filter((report) => !accountId || report.accountId === accountId));
    refresh();
    window.addEventListener(CHANGED, refresh);
    window.addEventListener("storage", refresh);
    return () => {
      window.removeEventListener(CHANGED, refresh);
      window.removeEventListener("storage", refresh);
    };
  }, [accountId]);
  return reports;
}

let sending: Promise<Incident[]> | null = null;

/**
 * Sends the account's waiting reports in the order they were written and returns those the
 * server took. It stops at the first network failure (still offline) or server error (try
 * later); a refused report stays in the outbox, marked, for the reporter to correct. One run
 * at a time, so the 'online' event and a timer firing together cannot send a report twice.
 */
export function sendQueued(accountId: string): Promise<Incident[]> {
  sending ??= sendInOrder(accountId).finally(() => {
    sending = null;
  });
  return sending;
}

async function sendInOrder(accountId: string): Promise<Incident[]> {
  const sent: Incident[] = [];
  for (const report of allQueued().filter((r) => r.accountId === accountId && !r.rejected)) {
    try {
      sent.push(await api<Incident>("POST", "/api/incidents", report.input));
      removeQueued(report.id);
      window.dispatchEvent(new Event(QUEUED_REPORT_SENT));
    } catch (error) {
      if (error instanceof ApiError && error.status >= 400 && error.status < 500 && error.status !== 401) {
        writeOutbox(allQueued().map((r) => (r.id === report.id ? { ...r, rejected: error.problem } : r)));
        continue;
      }
      break;
    }
  }
  return sent;
}
