/** A grid cell's mark from the check: icon + reason, and one click to drop (or keep) the photo. */
import { useTranslation } from 'react-i18next';
import { useCheck } from '../../store/check-store.js';
import { reasonParams } from './words.js';
import { Button } from '../ui/Button.js';

export function CheckBadge({ photoId, nameOf }: { photoId: string; nameOf: (id: string) => string }) {
  const { t } = useTranslation();
  const flag = useCheck((s) =>
    s.status === 'done' ? s.report?.flagged.find((f) => f.file === photoId) : undefined,
  );
  const dropped = useCheck((s) => s.dropped.includes(photoId));
  const drop = useCheck((s) => s.drop);
  const undrop = useCheck((s) => s.undrop);
  if (!flag && !dropped) return null;
  const text = flag?.reasons.map((r) => t(`check.reason.${r}`, reasonParams(flag, r, nameOf))).join('; ');
  return (
    <div
      className={`check-badge${dropped ? ' dropped' : ''}`}
      data-testid="check-badge"
      data-reasons={flag?.reasons.join(' ')}
    >
      {flag && (
        <span className="check-flag" title={t('check.flaggedBadge')}>
          <span aria-hidden="true">⚠</span> <span className="check-reason">{text}</span>
        </span>
      )}
      {dropped ? (
        <Button variant="link" onClick={() => undrop(photoId)}>
          {t('check.undrop')}
        </Button>
      ) : (
        <Button variant="link" title={t('check.dropTitle')} onClick={() => drop([photoId])}>
          {t('check.drop')}
        </Button>
      )}
    </div>
  );
}
