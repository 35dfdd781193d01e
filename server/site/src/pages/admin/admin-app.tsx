import { createContext, useContext } from 'react';
import { NavLink, Route, Routes } from 'react-router';
import { RoleGate } from '../console-gate';
import { useAdminText } from './admin-text';
import { PluginsPage } from './plugins-page';
import { RunsPage } from './runs-page';
import { RunPage } from './run-page';
import { PluginSettingsPage } from './plugin-settings-page';
import { UsersPage } from './users-page';
import { AccessLogPage } from './access-log-page';
import { LinksPage } from './links-page';
import { AnalyticsPage } from './analytics-page';
import { ReferencePage } from './reference-page';
import { SourcesPage } from './sources-page';
import '../console.css';

/** Whether the signed-in user may change things (admins) or only look (superusers). */
const CanWrite = createContext(false);
export const useCanWrite = () => useContext(CanWrite);

/**
 * `/admin/*`: the administration console, a lazy chunk of its own (routes.tsx), so job seekers
 * never download it. Admins write; a superuser sees every page with every control disabled.
 */
export function AdminApp() {
  const { t } = useAdminText();
  return (
    <RoleGate
      roles={['admin', 'superuser']}
      text={{
        loading: t('loading'), signedOut: t('signedOut'), signIn: t('signIn'), deniedTitle: t('denied.title'), deniedText: t('denied.text'),
        mfaTitle: t('mfa.title'), mfaText: t('mfa.text'), mfaLink: t('mfa.link'),
      }}
    >
      {(me) => (
        <CanWrite.Provider value={me.role === 'admin'}>
          <div className="console">
            <nav aria-label={t('nav')} className="console-nav">
              <ul>
                <li><NavLink to="/admin" end>{t('nav.plugins')}</NavLink></li>
                <li><NavLink to="/admin/runs">{t('nav.runs')}</NavLink></li>
                <li><NavLink to="/admin/users">{t('nav.users')}</NavLink></li>
                <li><NavLink to="/admin/access-log">{t('nav.access')}</NavLink></li>
                <li><NavLink to="/admin/links">{t('nav.links')}</NavLink></li>
                <li><NavLink to="/admin/sources">{t('nav.sources')}</NavLink></li>
                <li><NavLink to="/admin/reference">{t('nav.reference')}</NavLink></li>
                <li><NavLink to="/admin/analytics">{t('nav.analytics')}</NavLink></li>
              </ul>
            </nav>
            {me.role !== 'admin' && <p className="notice">{t('readOnly')}</p>}
            <Routes>
              <Route index element={<PluginsPage />} />
              <Route path="plugins/:id" element={<PluginSettingsPage />} />
              <Route path="runs" element={<RunsPage />} />
              <Route path="runs/:id" element={<RunPage />} />
              <Route path="users" element={<UsersPage />} />
              <Route path="access-log" element={<AccessLogPage />} />
              <Route path="links" element={<LinksPage />} />
              <Route path="sources" element={<SourcesPage />} />
              <Route path="reference" element={<ReferencePage />} />
              <Route path="analytics" element={<AnalyticsPage />} />
            </Routes>
          </div>
        </CanWrite.Provider>
      )}
    </RoleGate>
  );
}
