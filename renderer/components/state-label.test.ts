import { describe, expect, it } from 'vitest';
import { de } from '../i18n/de.js';
import { en } from '../i18n/en.js';
import { stateLabelKey } from './state-label.js';

describe('a job’s state label', () => {
  it('a local run preparing its photos is not "Uploading" or "Creating project"', () => {
    expect(stateLabelKey({ backend: 'local', state: 'uploading' })).toBe('states.preparing');
    expect(stateLabelKey({ backend: 'local', state: 'creating' })).toBe('states.preparing');
    expect(en.states.preparing).toBe('Preparing');
    expect(de.states.preparing).toBe('Wird vorbereitet');
  });

  it('everything else is the state’s own word', () => {
    expect(stateLabelKey({ backend: 'cloud', state: 'uploading' })).toBe('state.uploading');
    expect(stateLabelKey({ backend: 'nodeodm', state: 'creating' })).toBe('state.creating');
    expect(stateLabelKey({ backend: 'local', state: 'processing' })).toBe('state.processing');
  });
});
