/**
 * The Log view's lines as shown: each entry said in the UI's language (renderer/i18n/format-log.ts),
 * its data marked apart; the level and text filter and "Copy" work on these words, not on the core's
 * English `message`. Pure (the view passes its `t`).
 */
import type { LogEntry } from '../../main/contract/index.js';
import {
  dataPieces,
  logLineKey,
  logLineText,
  markData,
  unmarked,
  type Translate,
} from '../i18n/format-log.js';

export type Level = LogEntry['level'];
export const LEVELS: Level[] = ['debug', 'info', 'warn', 'error'];
const RANK: Record<Level, number> = { debug: 0, info: 1, warn: 2, error: 3 };

/** An entry with the words it is shown in (its code's sentence in the UI's language, or as it came). */
export interface ShownEntry extends LogEntry {
  text: string;
  /** The same, data (names, paths, a server's words) apart from our words. */
  pieces: { text: string; data: boolean }[];
  /** Said from the catalogue by its code (else shown as it came: a tool's line, an old entry). */
  coded: boolean;
}

export function shownEntries(entries: LogEntry[], t: Translate, english: boolean): ShownEntry[] {
  return entries.map((e) => {
    const said = logLineText(t, e, { english, mark: markData });
    return { ...e, text: unmarked(said), pieces: dataPieces(said), coded: logLineKey(e) !== undefined };
  });
}

/** The entries a person asked for: at least `min` level, whose shown words contain `text` (any case). */
export function filterLog(entries: ShownEntry[], min: Level, text: string): ShownEntry[] {
  const needle = text.trim().toLowerCase();
  return entries.filter(
    (e) => RANK[e.level] >= RANK[min] && (!needle || e.text.toLowerCase().includes(needle)),
  );
}

/** What "Copy" copies: the shown lines, one per entry. */
export const logAsText = (list: ShownEntry[]): string =>
  list.map((e) => `${e.at}  ${e.level.toUpperCase().padEnd(5)}  ${e.text}`).join('\n');
