/**
 * The live OpenScan Cloud often refuses with Werkzeug's reasonless 400 ("The browser (or proxy)
 * sent a request that this server could not understand.") for a wrong token, a name already used
 * or a set over the limits (seed 001). A person cannot act on that, so after such a refusal we ask
 * the read-only endpoints what is actually wrong. Best effort: if the questions fail, the original
 * refusal stands.
 */
import {
  BadRequestError,
  InvalidTokenError,
  LimitExceededError,
  ProjectExistsError,
  ProjectNotFoundError,
  type ScanBridgeError,
} from '../errors.js';
import type { Endpoint } from './classify.js';
import type { CreateProjectParams, ProjectInfo, TokenInfo } from './types.js';

export interface DiagnoseDeps {
  getTokenInfo(token: string): Promise<TokenInfo>;
  /** Must not diagnose its own refusals (no recursion). */
  getProjectInfo(token: string, project: string): Promise<ProjectInfo>;
  limitError(info: TokenInfo, c: CreateProjectParams): LimitExceededError | undefined;
}

export async function explainSilentRefusal(
  endpoint: Endpoint,
  args: { token: string; project?: string; create?: CreateProjectParams },
  original: ScanBridgeError,
  deps: DiagnoseDeps,
): Promise<ScanBridgeError> {
  try {
    let info: TokenInfo;
    try {
      info = await deps.getTokenInfo(args.token);
    } catch (e) {
      return e instanceof InvalidTokenError ? e : original;
    }
    const project = args.project;
    if (!project) return original;
    if (endpoint === 'createProject' && args.create) {
      const over = deps.limitError(info, args.create);
      if (over) return over;
    }
    if (endpoint !== 'createProject' && endpoint !== 'startProject') return original;
    let p: ProjectInfo;
    try {
      p = await deps.getProjectInfo(args.token, project);
    } catch (e) {
      if (e instanceof ProjectNotFoundError) return endpoint === 'startProject' ? e : original;
      return original;
    }
    if (endpoint === 'createProject') return new ProjectExistsError(project);
    const status = p.status.trim();
    if (status !== '' && status.toLowerCase() !== 'created') {
      return new BadRequestError(
        `The project "${project}" was already started (status: ${status}).`,
        'Follow its status instead of starting it again.',
        { detail: 'alreadyStarted', params: { name: project } },
      );
    }
    return new BadRequestError(
      `The OpenScan Cloud refused to start the project "${project}" without saying why.`,
      'Most likely a part is missing or was cut: upload every part again, then start it.',
      { detail: 'startRefused', params: { name: project } },
    );
  } catch {
    return original;
  }
}
