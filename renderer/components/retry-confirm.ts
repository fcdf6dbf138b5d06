/**
 * Retry may start a job over as a new cloud project (the cloud forgot it, or it was cancelled), which
 * costs credit again: the person sees how much and confirms before anything starts (issue 13).
 * The browser's own confirm dialog: modal, keyboard-accessible, and the same in Electron and web mode.
 */
import { api } from '../api/index.js';
import { formatBytes } from '../format.js';
import { i18next } from '../i18n/index.js';
import { useApp } from '../store/app-store.js';

export async function confirmRetry(id: string): Promise<boolean> {
  const cost = await api.retryCost(id);
  if (!cost.newProject) return true;
  const lang = i18next.language;
  const name = useApp.getState().jobs[id]?.projectName ?? '';
  const credit = formatBytes(cost.creditBytes, lang);
  const text =
    cost.creditLeft === undefined
      ? i18next.t('retry.confirmCredit', { name, credit })
      : i18next.t('retry.confirmCreditLeft', { name, credit, left: formatBytes(cost.creditLeft, lang) });
  return window.confirm(text);
}
