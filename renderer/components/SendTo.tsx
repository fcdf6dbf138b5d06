import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { BackendKind, Settings } from '../../main/contract/index.js';
import { api } from '../api/index.js';
import { useApp } from '../store/app-store.js';
import { Button } from './ui/Button.js';

export interface Target {
  backend: BackendKind;
  profile?: string | undefined;
  label: string;
}

/** Every place a set can go: the cloud, this computer, and each NodeODM profile from settings. */
export function targetsFrom(settings: Settings | undefined, t: TFunction): Target[] {
  const nodes = (settings?.profiles ?? []).filter((p) => p.kind === 'nodeodm');
  return [
    { backend: 'cloud', label: t('backend.cloud') },
    { backend: 'local', label: t('backend.local') },
    ...nodes.map((p) => ({
      backend: 'nodeodm' as const,
      profile: p.name,
      label: t('backend.node', { name: p.name }),
    })),
  ];
}

export const targetKey = (x: { backend: BackendKind; profile?: string | undefined }) =>
  `${x.backend}:${x.profile ?? ''}`;

/** A new job with the same photos on `target`; the notice or the error goes to the banner. */
export async function sendSet(paths: string[], target: Target, t: TFunction, name?: string): Promise<void> {
  const { setError, upsertJob, setNotice } = useApp.getState();
  try {
    const job = await api.createJob({ paths, backend: target.backend, profile: target.profile, name });
    upsertJob(job);
    setNotice(t('sendTo.sent', { target: target.label }));
  } catch (e) {
    setError(e);
  }
}

/** "Send this set to another backend": a new job with the same photos. */
export function SendTo({
  paths,
  exclude,
  name,
}: {
  paths: string[];
  exclude?: Target;
  name?: string | undefined;
}) {
  const { t } = useTranslation();
  const settings = useApp((s) => s.settings);
  const targets = targetsFrom(settings, t).filter((x) => !exclude || targetKey(x) !== targetKey(exclude));
  const [choice, setChoice] = useState(targetKey(targets[0] ?? { backend: 'local' }));
  const [busy, setBusy] = useState(false);
  if (targets.length === 0) return null;
  const send = async () => {
    const target = targets.find((x) => targetKey(x) === choice);
    if (!target) return;
    setBusy(true);
    try {
      await sendSet(paths, target, t, name);
    } finally {
      setBusy(false);
    }
  };
  return (
    <span className="row">
      <select value={choice} onChange={(e) => setChoice(e.target.value)} aria-label={t('sendTo.label')}>
        {targets.map((x) => (
          <option key={targetKey(x)} value={targetKey(x)}>
            {x.label}
          </option>
        ))}
      </select>
      <Button disabled={busy} onClick={() => void send()}>
        {t('sendTo.send')}
      </Button>
    </span>
  );
}
