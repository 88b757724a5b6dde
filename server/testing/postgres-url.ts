/** The migrated database every PostgreSQL test database is copied from. */
export const TEMPLATE_DATABASE = "huajie_test_template";

/** The maintenance database of the same server, from which databases are created and dropped. */
export function adminUrl(url: string): string {
  const admin = new URL(url);
  admin.pathname = "/postgres";
  return admin.toString();
}
