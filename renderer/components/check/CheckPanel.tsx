/**
 * The "Check set" step of the review: runs while the person reads the review (started by the
 * store when the review opens, unless switched off), shows progress with Cancel and Skip, then the
 * verdict with its reasons and suggestions, right before the upload buttons.
 */
import { useTranslation } from 'react-i18next';
import type { SetReview } from '../../../main/contract/index.js';
import { useCheck } from '../../store/check-store.js';
import { DROPPABLE, namedParams } from './words.js';
import { Button } from '../ui/Button.js';
import { ErrorText } from '../ErrorText.js';
import { ProgressBar } from '../ui/ProgressBar.js';

export function CheckPanel({ review }: { review: SetReview }) {
  const { t, i18n } = useTranslation();
  const s = useCheck();
  const names = new Map(review.photos.map((p) => [p.id, p.displayPath]));
  const nameOf = (id: string): string => names.get(id) ?? id;
  const report = s.status === 'done' ? s.report : undefined;
  const droppable = (report?.flagged ?? [])
    .filter((f) => f.reasons.some((r) => DROPPABLE.includes(r)) && !s.dropped.includes(f.file))
    .map((f) => f.file);
  // A reason the review already says above (only N photos) is not said twice; its suggestion stays.
  const saidAbove = new Set(review.warnings.map((w) => w.code));
  const reasons = (report?.reasons ?? []).filter((r) => !saidAbove.has(r.code));
  const percent = Math.round((s.progress?.fraction ?? 0) * 100);

  return (
    <section className="check-panel" aria-labelledby="check-title" data-testid="check-panel">
      <div className="row">
        <h2 id="check-title" className="grow">
          {t('check.title')}
        </h2>
        <label>
          <input type="checkbox" checked={s.auto} onChange={(e) => s.setAuto(e.target.checked)} />{' '}
          {t('check.auto')}
        </label>
      </div>
      {s.status === 'running' && (
        <div className="row" role="status" aria-live="polite" data-testid="check-progress">
          <ProgressBar value={s.progress?.fraction ?? 0} label={t('check.title')} />
          <span className="grow num">
            {t('check.running', { percent })}
            {s.progress ? ` · ${t(`check.phase.${s.progress.phase}`)}` : ''}
          </span>
          <Button onClick={() => void s.cancel()}>{t('check.cancel')}</Button>
          <Button onClick={() => void s.skip()}>{t('check.skip')}</Button>
        </div>
      )}
      {s.status !== 'running' && !report && (
        <div className="row">
          <p className="grow muted">
            {s.status === 'cancelled' ? (
              t('check.cancelled')
            ) : s.status === 'failed' ? (
              <>
                {t('check.failed')} {s.error && <ErrorText error={s.error} inline />}
              </>
            ) : (
              t('check.intro')
            )}
          </p>
          <Button disabled={review.photoCount === 0} onClick={() => void s.start(review)}>
            {s.status === 'idle' ? t('check.run') : t('check.again')}
          </Button>
        </div>
      )}
      {report && (
        <div data-testid="check-result">
          <p
            className={`verdict verdict-${report.verdict}`}
            role="status"
            data-testid="check-verdict"
            data-verdict={report.verdict}
          >
            {/* The sentence starts with the verdict's word ("Risky: …"): no separate label before it. */}
            <strong>{t(`check.verdict.${report.verdict}`)}</strong>
          </p>
          <p className="muted num">
            {t('check.summary', {
              photos: report.photos,
              seconds: new Intl.NumberFormat(i18n.language, {
                minimumFractionDigits: 1,
                maximumFractionDigits: 1,
              }).format(report.seconds),
              flagged: report.flagged.length,
            })}
          </p>
          {!report.colmap && <p className="muted">{t('check.noColmap')}</p>}
          {reasons.length > 0 && (
            <ul data-testid="check-reasons">
              {reasons.map((r) => (
                <li key={r.code + JSON.stringify(r.params)}>
                  {t(`check.setReason.${r.code}`, namedParams(r.params, nameOf))}
                </li>
              ))}
            </ul>
          )}
          {report.suggestions.length > 0 && (
            <ul className="suggestions" data-testid="check-suggestions">
              {report.suggestions.map((x) => (
                <li key={x.code + JSON.stringify(x.params)}>
                  →{' '}
                  {x.code === 'remove-photos'
                    ? t(`check.suggestion.remove-photos.${String(x.params.reason)}`, x.params)
                    : t(`check.suggestion.${x.code}`, namedParams(x.params, nameOf))}
                </li>
              ))}
            </ul>
          )}
          <div className="row">
            {droppable.length > 0 && (
              <Button onClick={() => s.drop(droppable)} data-testid="check-drop-all">
                {t('check.dropFlagged', { count: droppable.length })}
              </Button>
            )}
            {s.dropped.length > 0 && (
              <span className="muted">{t('check.dropped', { count: s.dropped.length })}</span>
            )}
            <span className="grow" />
            <Button onClick={() => void s.start(review)}>{t('check.again')}</Button>
          </div>
        </div>
      )}
    </section>
  );
}
