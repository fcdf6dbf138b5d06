import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Settings } from '../../main/contract/index.js';
import { api } from '../api/index.js';
import { Button } from './ui/Button.js';

type Profile = Settings['profiles'][number];

/**
 * NodeODM / ClusterODM nodes the user can send sets to; part of the settings form. A node's token goes
 * straight to the secret store (bound to that profile and address), never into the settings; the UI only
 * learns whether one is saved.
 */
export function ProfilesEditor({
  profiles,
  onChange,
}: {
  profiles: Profile[];
  onChange: (p: Profile[]) => void;
}) {
  const { t } = useTranslation();
  const [name, setName] = useState('');
  const [endpoint, setEndpoint] = useState('');
  const [token, setToken] = useState('');
  const [tokenError, setTokenError] = useState(false);
  const [saved, setSaved] = useState<Record<string, boolean>>({});
  const nodes = profiles.filter((p) => p.kind === 'nodeodm');
  const taken = profiles.some((p) => p.name === name.trim());
  const keyOf = (p: { name: string; endpoint?: string | undefined }) => `${p.name}\n${p.endpoint ?? ''}`;
  const nodesKey = nodes.map(keyOf).join('\n\n');

  useEffect(() => {
    let live = true;
    void Promise.all(
      nodes.map(async (p) => {
        if (!p.endpoint) return [keyOf(p), false] as const;
        const s = await api
          .getNodeTokenStatus({ profile: p.name, endpoint: p.endpoint })
          .catch(() => ({ hasToken: false }));
        return [keyOf(p), s.hasToken] as const;
      }),
    ).then((pairs) => live && setSaved(Object.fromEntries(pairs)));
    return () => {
      live = false;
    };
    // Only when the list of nodes changes.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [nodesKey]);

  const add = async () => {
    const p = { name: name.trim(), endpoint: endpoint.trim() };
    if (!p.name || !p.endpoint || taken) return;
    setTokenError(false);
    if (token.trim()) {
      try {
        await api.setNodeToken({ profile: p.name, endpoint: p.endpoint, token: token.trim() });
        setSaved((s) => ({ ...s, [keyOf(p)]: true }));
      } catch {
        setTokenError(true);
        return;
      }
    }
    onChange([...profiles, { name: p.name, kind: 'nodeodm', endpoint: p.endpoint }]);
    setName('');
    setEndpoint('');
    setToken('');
  };
  const forgetToken = async (p: Profile) => {
    if (!p.endpoint) return;
    const s = await api.setNodeToken({ profile: p.name, endpoint: p.endpoint, token: null });
    setSaved((x) => ({ ...x, [keyOf(p)]: s.hasToken }));
  };
  return (
    <fieldset className="profiles">
      <legend>{t('profiles.title')}</legend>
      <p className="muted small">{t('profiles.help')}</p>
      {nodes.length === 0 ? (
        <p className="muted">{t('profiles.none')}</p>
      ) : (
        <ul>
          {nodes.map((p) => (
            <li key={p.name} className="row" data-testid="profile-row">
              <strong>{p.name}</strong> <code>{p.endpoint}</code>{' '}
              <span className="muted small" data-testid="profile-token">
                {saved[keyOf(p)] ? t('profiles.tokenSaved') : t('profiles.tokenNone')}
              </span>
              {saved[keyOf(p)] && (
                <Button onClick={() => void forgetToken(p)}>
                  {t('profiles.forgetToken', { name: p.name })}
                </Button>
              )}
              <Button onClick={() => onChange(profiles.filter((x) => x !== p))}>
                {t('profiles.remove', { name: p.name })}
              </Button>
            </li>
          ))}
        </ul>
      )}
      <div className="row">
        <label htmlFor="profile-name">{t('profiles.name')}</label>
        <input id="profile-name" value={name} maxLength={100} onChange={(e) => setName(e.target.value)} />
        <label htmlFor="profile-url">{t('profiles.url')}</label>
        <input
          id="profile-url"
          value={endpoint}
          placeholder="http://192.168.1.20:3000"
          onChange={(e) => setEndpoint(e.target.value)}
        />
        <label htmlFor="profile-token">{t('profiles.token')}</label>
        <input
          id="profile-token"
          type="password"
          autoComplete="off"
          value={token}
          maxLength={512}
          onChange={(e) => setToken(e.target.value)}
        />
        <Button onClick={() => void add()} disabled={!name.trim() || !endpoint.trim() || taken}>
          {t('profiles.add')}
        </Button>
      </div>
      <p className="muted small">{t('profiles.tokenHelp')}</p>
      {taken && <p className="bad small">{t('profiles.taken')}</p>}
      {tokenError && <p className="bad small">{t('profiles.tokenFailed')}</p>}
    </fieldset>
  );
}
