/**
 * The 3D preview of a finished job's result: pick a model (meshes first), orbit, fit, change the
 * point size of clouds, save a PNG. Bytes come through api.readResultFile (IPC or a streamed GET).
 */
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Job, ResultModel } from '../../../main/contract/index.js';
import { api } from '../../api/index.js';
import { formatBytes } from '../../format.js';
import { Dialog } from '../ui/Dialog.js';
import { loadModel, type LoadedModel } from './load-model.js';
import { modelStats, type ModelStats } from './model-stats.js';
import { createViewer, webglAvailable, type Viewer } from './viewer.js';
import { Button } from '../ui/Button.js';

type Status = { kind: 'idle' } | { kind: 'loading' } | { kind: 'error'; message: string } | { kind: 'ready' };

export function Preview({ job, onClose }: { job: Job; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  // A state, not a ref: the dialog's portal mounts the canvas one render later, and the viewer and the
  // model load must run once it is there.
  const [canvas, setCanvas] = useState<HTMLCanvasElement | null>(null);
  const viewerRef = useRef<Viewer | undefined>(undefined);
  const loadedRef = useRef<LoadedModel | undefined>(undefined);
  const [hasGl] = useState(webglAvailable);
  const [models, setModels] = useState<ResultModel[] | undefined>(undefined);
  const [selected, setSelected] = useState<string>('');
  const [status, setStatus] = useState<Status>({ kind: 'idle' });
  const [pointSize, setPointSize] = useState(2);
  const [isPoints, setIsPoints] = useState(false);
  const [counts, setCounts] = useState<{ shown: number; total: number } | undefined>(undefined);
  const [stats, setStats] = useState<ModelStats | undefined>(undefined);

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
    if (!hasGl || !canvas) return;
    try {
      viewerRef.current = createViewer(canvas);
    } catch (e) {
      // Detection passed but the context still failed (GPU blocklisted, lost): say so, do not crash.
      void Promise.resolve().then(() => setStatus({ kind: 'error', message: (e as Error).message }));
    }
    return () => {
      viewerRef.current?.dispose();
      viewerRef.current = undefined;
      for (const u of loadedRef.current?.urls ?? []) URL.revokeObjectURL(u);
    };
  }, [hasGl, canvas]);

  useEffect(() => {
    const model = models?.find((m) => m.path === selected);
    const viewer = viewerRef.current;
    if (!model || !viewer) return;
    let live = true;
    setStatus({ kind: 'loading' });
    setCounts(undefined);
    setStats(undefined);
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
        setStats(modelStats(loaded.object, loaded));
        setStatus({ kind: 'ready' });
      },
      (e: unknown) => live && setStatus({ kind: 'error', message: (e as Error).message }),
    );
    return () => {
      live = false;
    };
    // pointSize is applied by its own effect; reloading the model for it would be wasteful.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [models, selected, job.id, canvas]);

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
  const num = (n: number) => n.toLocaleString(lang);
  const model = models?.find((m) => m.path === selected);
  return (
    <Dialog
      title={t('preview.title', { name: job.projectName })}
      closeLabel={t('preview.close')}
      onClose={onClose}
      wide
      testId="preview-dialog"
    >
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
          ref={setCanvas}
          data-testid="preview-canvas"
          aria-label={t('preview.canvas')}
          aria-describedby="preview-info"
          style={{ width: '100%', height: '60vh', display: 'block', borderRadius: 8 }}
        />
      ) : (
        <p role="alert" data-testid="preview-no-webgl">
          {t('preview.noWebgl')}
        </p>
      )}
      {/* The text alternative of the canvas: what is in the model, as numbers anyone can read. */}
      {model && (
        <section id="preview-info" aria-label={t('previewInfo.title')} data-testid="preview-info">
          <ul className="preview-info muted small">
            <li>{t('previewInfo.file', { name: model.path, size: formatBytes(model.size, lang) })}</li>
            {stats?.points !== undefined && (
              <li>
                {stats.pointsShown !== undefined
                  ? t('previewInfo.pointsShown', { count: stats.points, shown: num(stats.pointsShown) })
                  : t('previewInfo.points', { count: stats.points })}
              </li>
            )}
            {stats?.cameras !== undefined && <li>{t('previewInfo.cameras', { count: stats.cameras })}</li>}
            {stats?.vertices !== undefined && <li>{t('previewInfo.vertices', { count: stats.vertices })}</li>}
            {stats?.faces !== undefined && <li>{t('previewInfo.faces', { count: stats.faces })}</li>}
          </ul>
        </section>
      )}
      <p role="status" data-testid="preview-status" className="muted">
        {status.kind === 'loading' && t('preview.loading')}
        {status.kind === 'ready' &&
          (counts && counts.shown < counts.total
            ? t('preview.decimated', { shown: num(counts.shown), total: num(counts.total) })
            : t('preview.ready'))}
      </p>
      {status.kind === 'error' && <p role="alert">{t('preview.failed', { message: status.message })}</p>}
      <div className="dialog-actions">
        <Button disabled={!hasGl} onClick={() => viewerRef.current?.fit()}>
          {t('preview.fit')}
        </Button>
        <Button disabled={status.kind !== 'ready'} onClick={() => void screenshot()}>
          {t('preview.screenshot')}
        </Button>
      </div>
    </Dialog>
  );
}
