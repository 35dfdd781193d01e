import { NavLink, Route, Routes } from 'react-router';
import { RoleGate } from '../console-gate';
import { useEmployerText } from './employer-text';
import { MyJobsPage } from './my-jobs-page';
import { JobFormPage } from './job-form-page';
import '../console.css';

/** `/employer/*`: the employer portal, a lazy chunk of its own (routes.tsx), so job seekers never download it. */
export function EmployerApp() {
  const { t } = useEmployerText();
  return (
    <RoleGate
      roles={['employer']}
      text={{
        loading: t('loading'), signedOut: t('signedOut'), signIn: t('signIn'), deniedTitle: t('denied.title'), deniedText: t('denied.text'),
        mfaTitle: t('mfa.title'), mfaText: t('mfa.text'), mfaLink: t('mfa.link'),
      }}
    >
      {() => (
        <div className="console">
          <nav aria-label={t('nav')} className="console-nav">
            <ul>
              <li><NavLink to="/employer" end>{t('nav.jobs')}</NavLink></li>
              <li><NavLink to="/employer/jobs/new">{t('nav.post')}</NavLink></li>
            </ul>
          </nav>
          <Routes>
            <Route index element={<MyJobsPage />} />
            <Route path="jobs/new" element={<JobFormPage />} />
            <Route path="jobs/:id" element={<JobFormPage />} />
          </Routes>
        </div>
      )}
    </RoleGate>
  );
}
