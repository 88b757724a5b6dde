import { AlertOutlined, AuditOutlined, DashboardOutlined, FireOutlined, FormOutlined, InboxOutlined, ApartmentOutlined, BarChartOutlined, CalendarOutlined, ClusterOutlined, FileSearchOutlined, PhoneOutlined, SafetyOutlined, SolutionOutlined, LogoutOutlined, MenuOutlined, TagsOutlined, TeamOutlined, UserOutlined } from "@ant-design/icons";
import { Button, Drawer, Grid, Layout, Menu, Space, Tag, Typography } from "antd";
import { useState, type ReactNode } from "react";
import { useLocation, useNavigate } from "react-router";
import { ROLE_LABELS } from "@shared/roles.ts";
import { useI18n } from "./i18n/i18n.tsx";
import { MENU } from "./menu.ts";
import { useSession, useSignedIn } from "./session.tsx";

const ICONS = { board: <DashboardOutlined />, duty: <PhoneOutlined />, report: <FormOutlined />, incidents: <FireOutlined />, inbox: <InboxOutlined />, disputes: <SolutionOutlined />, roster: <CalendarOutlined />, protection: <SafetyOutlined />, screening: <FileSearchOutlined />, orgs: <ApartmentOutlined />, accounts: <TeamOutlined />, groups: <ClusterOutlined />, plans: <AlertOutlined />, disputeStats: <BarChartOutlined />, disputeTypes: <TagsOutlined />, audit: <AuditOutlined />, profile: <UserOutlined /> };

export function AppShell({ children }: { children: ReactNode }) {
  const session = useSignedIn();
  const { signOut, hasRole } = useSession();
  const { t, lang, setLang, label } = useI18n();
  const navigate = useNavigate();
  const location = useLocation();
  const phone = !Grid.useBreakpoint().md;
  const [drawerOpen, setDrawerOpen] = useState(false);

  const items = session.account.mustChangePassword || session.account.mustEnrolTwoFactor
    ? []
    : MENU.filter((item) => item.roles === "all" || hasRole(...item.roles)).map((item) => ({ key: item.path, icon: ICONS[item.key], label: t(item.label) }));
  const menu = (
    <Menu
      mode="inline"
      // A record's page (/incidents/:id) keeps its module's entry lit.
      selectedKeys={items.filter((item) => location.pathname === item.key || location.pathname.startsWith(`${item.key}/`)).map((item) => item.key)}
      items={items}
      onClick={({ key }) => {
        navigate(key);
        setDrawerOpen(false);
      }}
    />
  );

  return (
    <Layout style={{ minHeight: "100vh" }}>
      {!phone && (
        <Layout.Sider className="no-print" theme="light" width={200} style={{ borderRight: "1px solid #f0f0f0" }}>
          <div style={{ padding: "16px 20px", fontSize: 20, fontWeight: 600, color: "#b5342b" }}>{t("appName")}</div>
          {menu}
        </Layout.Sider>
      )}
      <Layout>
        <Layout.Header className="no-print" style={{ background: "#fff", padding: phone ? "0 12px" : "0 24px", display: "flex", alignItems: "center", gap: 12, borderBottom: "1px solid #f0f0f0" }}>
          {phone && <Button type="text" icon={<MenuOutlined />} aria-label="menu" data-testid="menu-toggle" onClick={() => setDrawerOpen(true)} />}
          <Typography.Text strong ellipsis style={{ flex: 1, minWidth: 0 }}>
            {session.org.name}
            {session.demo && (
              <Tag color="orange" style={{ marginLeft: 8 }} data-testid="demo-tag">
                {t("demoTag")}
              </Tag>
            )}
          </Typography.Text>
          <Space size={phone ? 4 : 12}>
            {!phone && (
              <span data-testid="current-user">
                {session.account.displayName}
                {session.account.roles.map((role) => (
                  <Tag key={role} style={{ marginLeft: 4 }}>
                    {label(ROLE_LABELS[role])}
                  </Tag>
                ))}
              </span>
            )}
            <Button size="small" onClick={() => setLang(lang === "zh" ? "en" : "zh")} data-testid="language-switch">
              {t("language")}
            </Button>
            <Button size="small" icon={<LogoutOutlined />} onClick={() => void signOut()} data-testid="sign-out">
              {phone ? null : t("signOut")}
            </Button>
          </Space>
        </Layout.Header>
        <Layout.Content style={{ padding: phone ? 8 : 24 }}>{children}</Layout.Content>
      </Layout>
      <Drawer open={drawerOpen} onClose={() => setDrawerOpen(false)} placement="left" size={220} title={t("appName")} styles={{ body: { padding: 0 } }}>
        {menu}
      </Drawer>
    </Layout>
  );
}
