import { useApp } from '../store/app-store.js';

/** Runs a button's work: its notice (if any) or its error goes to the one banner. */
export async function runAction(fn: () => Promise<string | undefined>): Promise<void> {
  const { setError, setNotice } = useApp.getState();
  try {
    const notice = await fn();
    if (notice) setNotice(notice);
  } catch (e) {
    setError(e);
  }
}
