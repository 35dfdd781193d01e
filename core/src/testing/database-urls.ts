/** The migrated database every test database is cloned from. */
export const TEMPLATE_DATABASE = 'pathfinder_test_template';

/** The same server and credentials, another database. */
export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}
