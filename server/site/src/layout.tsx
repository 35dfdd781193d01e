import { useEffect } from 'react';
import { Link, Outlet, ScrollRestoration, useLocation, useNavigate } from 'react-router';
import { I18nProvider, useI18n } from './i18n';
import { SessionProvider, useSession } from './session';

function Header() {
  const { t, lang, setLang } = useI18n();
  const { me, signOut } = useSession();
  const navigate = useNavigate();
  const other = lang === 'fr-CA' ? 'en-CA' : 'fr-CA';
  return (
    <header className="site-header">
      <a className="skip-link" href="#main">{t('nav.skip')}</a>
      <Link to="/" className="brand">{t('app.name')}</Link>
      <nav aria-label={t('nav.main')}>
        <ul>
          <li><Link to="/">{t('nav.search')}</Link></li>
          {me ? (
            <>
              <li><Link to="/dashboard">{t('nav.dashboard')}</Link></li>
              {(me.role === 'admin' || me.role === 'superuser') && <li><Link to="/admin">{t('nav.admin')}</Link></li>}
              {me.role === 'employer' && <li><Link to="/employer">{t('nav.employer')}</Link></li>}
              <li><button type="button" className="link-button" onClick={async () => { await signOut(); navigate('/'); }}>{t('nav.signOut')}</button></li>
            </>
          ) : me === null ? (
            <>
              <li><Link to="/sign-in">{t('nav.signIn')}</Link></li>
              <li><Link to="/register">{t('nav.register')}</Link></li>
            </>
          ) : null}
          <li>
            <button type="button" className="link-button" lang={other} aria-label={t('lang.switchLabel')} onClick={() => setLang(other)}>
              {t('lang.switch')}
            </button>
          </li>
        </ul>
      </nav>
    </header>
  );
}

/** Moves focus to the main heading after a client-side navigation, as a page load would for screen readers. */
function FocusOnNavigate() {
  const location = useLocation();
  useEffect(() => {
    if (location.key === 'default') return;
    const main = document.getElementById('main');
    main?.focus({ preventScroll: true });
  }, [location.pathname]);
  return null;
}

export function Layout() {
  return (
    <I18nProvider>
      <SessionProvider>
        <Header />
        <main id="main" tabIndex={-1}>
          <Outlet />
        </main>
        <Footer />
        <ScrollRestoration />
        <FocusOnNavigate />
      </SessionProvider>
    </I18nProvider>
  );
}

function Footer() {
  const { t } = useI18n();
  return (
    <footer className="site-footer">
      <p>{t('footer.text')}</p>
      <p><a href="/api/docs">{t('footer.api')}</a></p>
    </footer>
  );
}
