import { useTranslation } from 'react-i18next';
import { useApp } from '../store/app-store.js';
import { ErrorText } from './ErrorText.js';
import { Toast } from './ui/Toast.js';

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
        <Toast tone="error" dismissLabel={t('error.dismiss')} onDismiss={clearError}>
          <ErrorText error={error} />
        </Toast>
      )}
      {!error && notice && (
        <Toast tone="notice" dismissLabel={t('error.dismiss')} onDismiss={() => setNotice(undefined)}>
          <span>{notice}</span>
        </Toast>
      )}
    </div>
  );
}
