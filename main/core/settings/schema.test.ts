import { describe, expect, it } from 'vitest';
import {
  SettingsPatchSchema as ContractPatch,
  SettingsSchema as ContractSettings,
} from '../../contract/schemas.js';
import { defaultSettings, SettingsPatchSchema } from './schema.js';

describe('settings schema and the contract', () => {
  it('the defaults are valid settings as the UI receives them', () => {
    expect(ContractSettings.safeParse(defaultSettings()).success).toBe(true);
  });

  it('a value the contract refuses, the settings file refuses too (one set of rules)', () => {
    for (const bad of [
      { endpoint: 'https://user:pw@host' },
      { endpoint: 'ftp://host' },
      { partSize: 200_000_001 },
      { partSize: 1000 },
      { concurrency: 0 },
      { profiles: [{ name: ' ', kind: 'nodeodm' }] },
    ]) {
      expect(ContractPatch.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
      expect(SettingsPatchSchema.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
    }
    expect(SettingsPatchSchema.safeParse({ partSize: 200_000_000 }).success).toBe(true);
  });
});
