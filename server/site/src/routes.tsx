import type { RouteObject } from 'react-router';
import { Layout } from './layout';
import { SearchPage } from './pages/search-page';
import { JobPage } from './pages/job-page';
import { SignInPage, MfaChallengePage } from './pages/sign-in-page';
import { RegisterPage } from './pages/register-page';
import { ForgotPasswordPage, ResetPasswordPage } from './pages/password-pages';
import { DashboardPage } from './pages/dashboard-page';
import { NotFoundPage } from './pages/not-found-page';
import { VerifyEmailPage } from './pages/verify-email-page';

/** The site's pages; the server answers each of these paths with the app (server/src/site/site-paths.ts). */
export const routes: RouteObject[] = [
  {
    element: <Layout />,
    children: [
      { path: '/', element: <SearchPage /> },
      { path: '/jobs/:id', element: <JobPage /> },
      { path: '/sign-in', element: <SignInPage /> },
      { path: '/sign-in/mfa', element: <MfaChallengePage /> },
      { path: '/register', element: <RegisterPage /> },
      { path: '/forgot-password', element: <ForgotPasswordPage /> },
      { path: '/reset-password', element: <ResetPasswordPage /> },
      { path: '/verify-email', element: <VerifyEmailPage /> },
      { path: '/dashboard', element: <DashboardPage /> },
      { path: '/dashboard/alerts/new', element: <DashboardPage /> },
      // The admin console and the employer portal are chunks of their own: a job seeker never downloads them.
      { path: '/admin/*', lazy: async () => ({ Component: (await import('./pages/admin/admin-app')).AdminApp }) },
      { path: '/employer/*', lazy: async () => ({ Component: (await import('./pages/employer/employer-app')).EmployerApp }) },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
];
