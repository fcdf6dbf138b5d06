/**
 * NodeODM profiles and their tokens, for every front end (CLI `profiles`, the Settings screen, the
 * bridge): a profile lives in settings.json (name, address, options); its token lives in the secret
 * store, bound to that address (see tokens.ts). What a job needs to reach its node is `nodeOdmTarget`.
 */
import { InvalidInputError } from '../errors.js';
import { BackendProfileSchema, type BackendProfile } from '../settings/schema.js';
import type { SettingsStore } from '../settings/store.js';
import type { NodeTokenRef, NodeTokens } from './tokens.js';

export interface NodeProfilesDeps {
  settings: Pick<SettingsStore, 'get' | 'update'>;
  nodeTokens: NodeTokens;
}

export interface NodeProfileView {
  name: string;
  endpoint: string;
  options: Record<string, unknown>;
  /** Whether a token is saved for this profile at its address (the token itself never leaves core). */
  hasToken: boolean;
}

export const profileRef = (name: string): NodeTokenRef => ({ kind: 'profile', profile: name });
export const ADHOC_REF: NodeTokenRef = { kind: 'node' };

const isUrl = (s: string): boolean => /^https?:\/\//i.test(s);

export async function listNodeProfiles(d: NodeProfilesDeps): Promise<NodeProfileView[]> {
  const out: NodeProfileView[] = [];
  for (const p of d.settings.get().profiles) {
    if (p.kind !== 'nodeodm' || !p.endpoint) continue;
    out.push({
      name: p.name,
      endpoint: p.endpoint,
      options: p.options ?? {},
      hasToken: await d.nodeTokens.has(profileRef(p.name), p.endpoint),
    });
  }
  return out;
}

/**
 * Adds a profile, or replaces the one of that name. `token`: a string saves it, `null` clears it,
 * undefined leaves the saved one alone. The shape is checked before anything is written.
 */
export async function saveNodeProfile(
  d: NodeProfilesDeps,
  p: { name: string; endpoint: string; options?: Record<string, unknown> | undefined; token?: string | null },
): Promise<NodeProfileView> {
  const parsed = BackendProfileSchema.safeParse({
    name: p.name,
    kind: 'nodeodm',
    endpoint: p.endpoint,
    ...(p.options !== undefined ? { options: p.options } : {}),
  });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new InvalidInputError(
      `The NodeODM profile is not valid: ${issue?.path.join('.') || 'profile'}: ${issue?.message ?? 'bad value'}.`,
      'Give a name, an http(s) address, and options as name → value.',
      { detail: 'profileField', params: { field: issue?.path.join('.') || 'profile' } },
    );
  }
  if (isUrl(parsed.data.name))
    throw new InvalidInputError('A profile name cannot be an address.', 'Choose a name such as "Lab node".', {
      detail: 'profileNameAddress',
      params: {},
    });
  const profile: BackendProfile = parsed.data;
  const others = d.settings.get().profiles.filter((x) => !(x.kind === 'nodeodm' && x.name === profile.name));
  if (p.token === null) await d.nodeTokens.clear(profileRef(profile.name), profile.endpoint!);
  else if (p.token !== undefined)
    await d.nodeTokens.set(profileRef(profile.name), profile.endpoint!, p.token);
  d.settings.update({ profiles: [...others, profile] });
  return {
    name: profile.name,
    endpoint: profile.endpoint!,
    options: profile.options ?? {},
    hasToken: await d.nodeTokens.has(profileRef(profile.name), profile.endpoint!),
  };
}

/** Removes a profile and its saved token. Jobs created with it keep their node (and token entry). */
export async function removeNodeProfile(d: NodeProfilesDeps, name: string): Promise<boolean> {
  const all = d.settings.get().profiles;
  const found = all.find((x) => x.kind === 'nodeodm' && x.name === name);
  if (!found) return false;
  if (found.endpoint) await d.nodeTokens.clear(profileRef(name), found.endpoint);
  d.settings.update({ profiles: all.filter((x) => x !== found) });
  return true;
}

export interface NodeOdmTarget {
  url: string;
  token?: string | undefined;
  tokenRef: NodeTokenRef;
  options?: Record<string, unknown> | undefined;
}

/**
 * Where new jobs of a NodeODM "profile" go: a saved profile by name, or (ad hoc: `--endpoint`, "send
 * to this node") the node's address itself. The token is the one saved for that entry at that address.
 */
export async function nodeOdmTarget(d: NodeProfilesDeps, profile: string): Promise<NodeOdmTarget> {
  const named = d.settings.get().profiles.find((p) => p.kind === 'nodeodm' && p.name === profile);
  if (named?.endpoint) {
    const tokenRef = profileRef(named.name);
    return {
      url: named.endpoint,
      tokenRef,
      token: await d.nodeTokens.get(tokenRef, named.endpoint),
      options: named.options,
    };
  }
  if (isUrl(profile)) {
    return { url: profile, tokenRef: ADHOC_REF, token: await d.nodeTokens.get(ADHOC_REF, profile) };
  }
  throw new InvalidInputError(
    `There is no NodeODM profile named "${profile}".`,
    'Add it in Settings › Backends, or pass the node address with --endpoint.',
    { detail: 'profileUnknown', params: { name: profile } },
  );
}
