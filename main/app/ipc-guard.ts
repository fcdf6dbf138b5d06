import { dispatch, type Envelope, type ScanBridgeHandlers } from '../contract/index.js';
import { isAllowedNavigation } from './navigation-guard.js';

/** The parts of Electron's IpcMainInvokeEvent the check needs (so tests can pass plain objects). */
export interface SenderLike {
  sender?: { id?: unknown } | null;
  senderFrame?: { url?: unknown; parent?: unknown } | null;
}

export interface TrustContext {
  /** app://scanbridge, or the dev server origin in development. */
  appOrigin: string;
  /** webContents ids of the windows this process created. */
  windowIds: ReadonlySet<number>;
}

/**
 * Is this IPC message from our own UI? The sender must be a window we created (fiddle's rule:
 * ignore windows we did not make), the message must come from its top frame (not an iframe), and
 * that frame must be showing our app, checked by parsed origin.
 */
export function isTrustedSender(event: SenderLike, trust: TrustContext): boolean {
  const id = event.sender?.id;
  if (typeof id !== 'number' || !trust.windowIds.has(id)) return false;
  const frame = event.senderFrame;
  if (!frame || typeof frame.url !== 'string') return false;
  if (frame.parent !== null && frame.parent !== undefined) return false;
  return isAllowedNavigation(frame.url, trust.appOrigin);
}

/**
 * One IPC call, start to finish, as a pure function of its inputs: refuse untrusted senders and
 * bad arguments before anything in core runs, then call the handler and wrap the outcome in an
 * envelope (errors serialised, tokens redacted by `redact`).
 */
export async function handleIpcCall(
  handlers: ScanBridgeHandlers,
  method: string,
  event: SenderLike,
  rawArgs: unknown,
  trust: TrustContext,
  redact?: (text: string) => string,
): Promise<Envelope> {
  if (!isTrustedSender(event, trust)) {
    return {
      ok: false,
      error: {
        name: 'UnauthorizedError',
        code: 'UNAUTHORIZED',
        message: 'This request did not come from the ScanBridge window and was refused.',
        retryable: false,
      },
    };
  }
  // ipcRenderer.invoke(channel, args) sends the argument array as one value.
  return dispatch(handlers, method, Array.isArray(rawArgs) ? rawArgs : rawArgs === undefined ? [] : rawArgs, {
    ...(redact ? { redact } : {}),
  });
}
