import { useTranslation } from 'react-i18next';
import { useApp } from '../store/app-store.js';
import { ErrorText } from './ErrorText.js';

/** The one place errors and notices show: typed errors carry a hint saying what to do. */
export function Banner() {
  const { t } = useTranslation();
  const error = useApp((s) => s.error);
  const notice = useApp((s) => s.notice);
  const clearError = useApp((s) => s.clearError);
  const setNotice = useApp((s) => s.setNotice);
  return (
    <div className="banner-slot">
      {error && (
        <div className="banner error" role="alert">
          <div>
            <ErrorText error={error} />
          </div>
          <button type="button" onClick={clearError}>
            {t('error.dismiss')}
          </button>
        </div>
      )}
      {!error && notice && (
        <div className="banner notice" role="status">
          <span>{notice}</span>
          <button type="button" onClick={() => setNotice(undefined)}>
            {t('error.dismiss')}
          </button>
        </div>
      )}
    </div>
  );
}
