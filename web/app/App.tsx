import { App as AntApp, ConfigProvider, Spin } from "antd";
import enUS from "antd/locale/en_US";
import zhCN from "antd/locale/zh_CN";
import { Suspense, lazy } from "react";
import { BrowserRouter, Navigate, Route, Routes } from "react-router";
import { AccountsPage } from "../modules/accounts/AccountsPage.tsx";
import { AuditPage } from "../modules/audit/AuditPage.tsx";
import { LoginPage } from "../modules/auth/LoginPage.tsx";
import { AgreementPrintPage } from "../modules/disputes/AgreementPrintPage.tsx";
import { DisputePage } from "../modules/disputes/DisputePage.tsx";
import { DisputesPage } from "../modules/disputes/DisputesPage.tsx";
import { DisputeTypesPage } from "../modules/disputes/DisputeTypesPage.tsx";
import { RegisterDisputePage } from "../modules/disputes/RegisterDisputePage.tsx";
import { ScreeningReportsPage } from "../modules/disputes/ScreeningReportsPage.tsx";
import { DutyDeskPage } from "../modules/duty/DutyDeskPage.tsx";
import { ProtectionPage } from "../modules/duty/ProtectionPage.tsx";
import { RosterPage } from "../modules/duty/RosterPage.tsx";
import { GroupsPage } from "../modules/groups/GroupsPage.tsx";
import { IncidentPage } from "../modules/incidents/IncidentPage.tsx";
import { IncidentsPage } from "../modules/incidents/IncidentsPage.tsx";
import { InboxPage } from "../modules/incidents/InboxPage.tsx";
import { OfflineStart } from "../modules/incidents/OfflineStart.tsx";
import { OutboxSender } from "../modules/incidents/OutboxSender.tsx";
import { ReportIncidentPage } from "../modules/incidents/ReportIncidentPage.tsx";
import { LiveBoardPage } from "../modules/live/LiveBoardPage.tsx";
import { OrgsPage } from "../modules/orgs/OrgsPage.tsx";
import { PlansPage } from "../modules/plans/PlansPage.tsx";
import { ProfilePage } from "../modules/profile/ProfilePage.tsx";
import { AppShell } from "./AppShell.tsx";
import { I18nProvider, useI18n } from "./i18n/i18n.tsx";
import { MENU } from "./menu.ts";
import { SessionProvider, useSession } from "./session.tsx";

// ECharts is a third of the bundle: it loads with the statistics page, not with every page.
const DisputeStatsPage = lazy(() => import("../modules/disputes/DisputeStatsPage.tsx").then((module) => ({ default: module.DisputeStatsPage })));

const PAGES = { board: LiveBoardPage, duty: DutyDeskPage, report: ReportIncidentPage, incidents: IncidentsPage, inbox: InboxPage, disputes: DisputesPage, roster: RosterPage, protection: ProtectionPage, screening: ScreeningReportsPage, orgs: OrgsPage, accounts: AccountsPage, groups: GroupsPage, plans: PlansPage, disputeStats: DisputeStatsPage, disputeTypes: DisputeTypesPage, audit: AuditPage, profile: ProfilePage };

function Routed() {
  const { session, hasRole, offline, retry } = useSession();
  if (session === undefined) return offline ? <OfflineStart onRetry={retry} /> : <Spin size="large" style={{ display: "block", marginTop: "30vh" }} />;
  if (session === null) return <LoginPage />;
  // An account with an initial password, or without the two-factor sign-in its role requires,
  // can do nothing else until it has seen to that (the server holds it too).
  if (session.account.mustChangePassword || session.account.mustEnrolTwoFactor) {
    return (
      <AppShell>
        <ProfilePage />
      </AppShell>
    );
  }
  const visible = MENU.filter((item) => item.roles === "all" || hasRole(...item.roles));
  const shell = (
    <AppShell>
      <OutboxSender />
      <Suspense fallback={<Spin style={{ display: "block", marginTop: 48 }} />}>
        <Routes>
          {visible.map((item) => {
            const Page = PAGES[item.key];
            return <Route key={item.key} path={item.path} element={<Page />} />;
          })}
          <Route path="/incidents/:id" element={<IncidentPage />} />
          <Route path="/disputes/new" element={<RegisterDisputePage />} />
          <Route path="/disputes/:id" element={<DisputePage />} />
          <Route path="*" element={<Navigate to={visible[0]!.path} replace />} />
        </Routes>
      </Suspense>
    </AppShell>
  );
  // A page to print stands alone: no menu or header on the paper.
  return (
    <Routes>
      <Route path="/disputes/:id/agreement/print" element={<AgreementPrintPage />} />
      <Route path="*" element={shell} />
    </Routes>
  );
}

function Localized() {
  const { lang } = useI18n();
  return (
    <ConfigProvider locale={lang === "en" ? enUS : zhCN} theme={{ token: { colorPrimary: "#b5342b", borderRadius: 4 } }}>
      <AntApp>
        <SessionProvider>
          <BrowserRouter>
            <Routed />
          </BrowserRouter>
        </SessionProvider>
      </AntApp>
    </ConfigProvider>
  );
}

export function App() {
  return (
    <I18nProvider>
      <Localized />
    </I18nProvider>
  );
}
