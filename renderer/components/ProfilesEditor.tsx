import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Settings } from '../../main/contract/index.js';

type Profile = Settings['profiles'][number];

/** NodeODM / ClusterODM nodes the user can send sets to; part of the settings form. */
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
  const nodes = profiles.filter((p) => p.kind === 'nodeodm');
  const taken = profiles.some((p) => p.name === name.trim());
  const add = () => {
    if (!name.trim() || !endpoint.trim() || taken) return;
    onChange([...profiles, { name: name.trim(), kind: 'nodeodm', endpoint: endpoint.trim() }]);
    setName('');
    setEndpoint('');
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
              <strong>{p.name}</strong> <code>{p.endpoint}</code>
              <button type="button" onClick={() => onChange(profiles.filter((x) => x !== p))}>
                {t('profiles.remove', { name: p.name })}
              </button>
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
        <button type="button" onClick={add} disabled={!name.trim() || !endpoint.trim() || taken}>
          {t('profiles.add')}
        </button>
      </div>
      {taken && <p className="bad small">{t('profiles.taken')}</p>}
    </fieldset>
  );
}
