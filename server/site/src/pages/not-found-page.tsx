import { Link } from 'react-router';
import { useI18n } from '../i18n';

export function NotFoundPage() {
  const { t } = useI18n();
  return (
    <div className="notice">
      <h1>{t('error.notFound')}</h1>
      <p>{t('error.notFoundText')}</p>
      <Link to="/">{t('nav.search')}</Link>
    </div>
  );
}
