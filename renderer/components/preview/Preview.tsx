/**
 * The 3D preview of a finished job's result: pick a model (meshes first), orbit, fit, change the
 * point size of clouds, save a PNG. Bytes come through api.readResultFile (IPC or a streamed GET).
 */
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Job, ResultModel } from '../../../main/contract/index.js';
import { api } from '../../api/index.js';
import { formatBytes } from '../../format.js';
import { loadModel, type LoadedModel } from './load-model.js';
import { createViewer, webglAvailable, type Viewer } from './viewer.js';

type Status = { kind: 'idle' } | { kind: 'loading' } | { kind: 'error'; message: string } | { kind: 'ready' };

export function Preview({ job, onClose }: { job: Job; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const viewerRef = useRef<Viewer | undefined>(undefined);
  const loadedRef = useRef<LoadedModel | undefined>(undefined);
  const [hasGl] = useState(webglAvailable);
  const [models, setModels] = useState<ResultModel[] | undefined>(undefined);
  const [selected, setSelected] = useState<string>('');
  const [status, setStatus] = useState<Status>({ kind: 'idle' });
  const [pointSize, setPointSize] = useState(2);
  const [isPoints, setIsPoints] = useState(false);
  const [counts, setCounts] = useState<{ shown: number; total: number } | undefined>(undefined);

  useEffect(() => {
    let live = true;
    api.listResultModels(job.id).then(
      (list) => {
        if (!live) return;
        setModels(list);
        setSelected(list[0]?.path ?? '');
      },
      (e: unknown) => live && setStatus({ kind: 'error', message: (e as Error).message }),
    );
    return () => {
      live = false;
    };
  }, [job.id]);

  useEffect(() => {
    if (!hasGl || !canvasRef.current) return;
    try {
      viewerRef.current = createViewer(canvasRef.current);
    } catch (e) {
      // Detection passed but the context still failed (GPU blocklisted, lost): say so, do not crash.
      void Promise.resolve().then(() => setStatus({ kind: 'error', message: (e as Error).message }));
    }
    return () => {
      viewerRef.current?.dispose();
      viewerRef.current = undefined;
      for (const u of loadedRef.current?.urls ?? []) URL.revokeObjectURL(u);
    };
  }, [hasGl]);

  useEffect(() => {
    const model = models?.find((m) => m.path === selected);
    const viewer = viewerRef.current;
    if (!model || !viewer) return;
    let live = true;
    setStatus({ kind: 'loading' });
    setCounts(undefined);
    loadModel((rel) => api.readResultFile(job.id, rel), model.path, model.kind).then(
      (loaded) => {
        if (!live) {
          for (const u of loaded.urls) URL.revokeObjectURL(u);
          return;
        }
        for (const u of loadedRef.current?.urls ?? []) URL.revokeObjectURL(u);
        loadedRef.current = loaded;
        loaded.setPointSize?.(pointSize);
        setIsPoints(Boolean(loaded.setPointSize));
        viewer.show(loaded.object);
        if (loaded.total !== undefined)
          setCounts({ shown: loaded.shown ?? loaded.total, total: loaded.total });
        setStatus({ kind: 'ready' });
      },
      (e: unknown) => live && setStatus({ kind: 'error', message: (e as Error).message }),
    );
    return () => {
      live = false;
    };
    // pointSize is applied by its own effect; reloading the model for it would be wasteful.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [models, selected, job.id]);

  useEffect(() => {
    loadedRef.current?.setPointSize?.(pointSize);
    viewerRef.current?.render();
  }, [pointSize]);

  const screenshot = async () => {
    const viewer = viewerRef.current;
    if (!viewer) return;
    const url = URL.createObjectURL(await viewer.toPng());
    const a = document.createElement('a');
    a.href = url;
    a.download = `${job.projectName}-preview.png`;
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  };

  const lang = i18n.language;
  return (
    <div className="overlay">
      <div
        className="dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby="preview-title"
        style={{ width: 'min(1000px, 96vw)' }}
        onKeyDown={(e) => e.key === 'Escape' && onClose()}
      >
        <h2 id="preview-title">{t('preview.title', { name: job.projectName })}</h2>
        {models && models.length === 0 && <p>{t('preview.none')}</p>}
        {models && models.length > 0 && (
          <div className="row">
            <label>
              {t('preview.model')}{' '}
              <select value={selected} onChange={(e) => setSelected(e.target.value)}>
                {models.map((m) => (
                  <option key={m.path} value={m.path}>
                    {m.path} ({formatBytes(m.size, lang)})
                  </option>
                ))}
              </select>
            </label>
            {isPoints && status.kind === 'ready' && (
              <label>
                {t('preview.pointSize')}{' '}
                <input
                  type="range"
                  min={1}
                  max={10}
                  step={1}
                  value={pointSize}
                  onChange={(e) => setPointSize(Number(e.target.value))}
                />
              </label>
            )}
          </div>
        )}
        {hasGl ? (
          <canvas
            ref={canvasRef}
            data-testid="preview-canvas"
            aria-label={t('preview.canvas')}
            style={{ width: '100%', height: '60vh', display: 'block', borderRadius: 8 }}
          />
        ) : (
          <p role="alert" data-testid="preview-no-webgl">
            {t('preview.noWebgl')}
          </p>
        )}
        <p role="status" data-testid="preview-status" className="muted">
          {status.kind === 'loading' && t('preview.loading')}
          {status.kind === 'ready' &&
            (counts && counts.shown < counts.total
              ? t('preview.decimated', {
                  shown: counts.shown.toLocaleString(lang),
                  total: counts.total.toLocaleString(lang),
                })
              : t('preview.ready'))}
        </p>
        {status.kind === 'error' && <p role="alert">{t('preview.failed', { message: status.message })}</p>}
        <div className="dialog-actions">
          <button type="button" disabled={!hasGl} onClick={() => viewerRef.current?.fit()}>
            {t('preview.fit')}
          </button>
          <button type="button" disabled={status.kind !== 'ready'} onClick={() => void screenshot()}>
            {t('preview.screenshot')}
          </button>
          <button type="button" onClick={onClose} autoFocus>
            {t('preview.close')}
          </button>
        </div>
      </div>
    </div>
  );
}
