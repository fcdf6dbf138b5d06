/** Catalogue parameters for the check's codes (the report names photos by review id). */
import type { CheckFlagDto, CheckReasonCode } from '../../../main/contract/index.js';

export function reasonParams(
  f: CheckFlagDto,
  r: CheckReasonCode,
  nameOf: (id: string) => string,
): Record<string, string | number> {
  const d = f.detail;
  switch (r) {
    case 'blur':
      return { percent: Math.round((d.blur?.ratio ?? 0) * 100) };
    case 'exposure':
      return {
        highlights: Math.round((d.exposure?.highlights ?? 0) * 100),
        shadows: Math.round((d.exposure?.shadows ?? 0) * 100),
      };
    case 'duplicate':
      return { of: nameOf(d.duplicate?.of ?? '') };
    case 'disconnected':
      return { group: (d.disconnected?.group ?? 0) + 1 };
    case 'gap':
      return { degrees: d.gap?.degrees ?? 0 };
    default:
      return {};
  }
}

/** Photo ids in a set reason's or suggestion's parameters, shown as names. */
export function namedParams(
  params: Record<string, string | number>,
  nameOf: (id: string) => string,
): Record<string, string | number> {
  return Object.fromEntries(
    Object.entries(params).map(([k, v]) => [k, k === 'after' || k === 'before' ? nameOf(String(v)) : v]),
  );
}

/** Reasons that say "this photo should go" (a gap says "add photos here" instead). */
export const DROPPABLE: CheckReasonCode[] = [
  'blur',
  'exposure',
  'duplicate',
  'disconnected',
  'few-overlaps',
  'unreadable',
];
