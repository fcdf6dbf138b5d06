/**
 * NodeODM profile tokens from the settings screen: saved in the secret store bound to the profile and
 * its address (core/nodeodm/tokens.ts); the renderer only ever learns whether one is saved.
 */
import { InvalidInputError } from '../errors.js';
import { profileRef } from '../nodeodm/profiles.js';
import type { ScanBridgeHandlers } from '../../contract/index.js';
import type { ServiceContext } from './context.js';

export function createNodeTokenHandlers(
  ctx: ServiceContext,
): Pick<ScanBridgeHandlers, 'getNodeTokenStatus' | 'setNodeToken'> {
  const store = () => {
    const t = ctx.deps.nodeTokens;
    if (!t) throw new InvalidInputError('NodeODM tokens cannot be kept in this mode.');
    return t;
  };
  return {
    getNodeTokenStatus: async ({ profile, endpoint }) => ({
      hasToken: await store().has(profileRef(profile), endpoint),
    }),
    setNodeToken: async ({ profile, endpoint, token }) => {
      const ref = profileRef(profile);
      if (token === null) await store().clear(ref, endpoint);
      else await store().set(ref, endpoint, token);
      ctx.log.add(
        'info',
        token === null
          ? { code: 'nodeTokenRemoved', params: { profile } }
          : { code: 'nodeTokenSaved', params: { profile } },
      );
      return { hasToken: await store().has(ref, endpoint) };
    },
  };
}
