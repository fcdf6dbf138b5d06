/**
 * The console a NodeODM in test mode replays for every task: 279 "candidate matches" lines while it
 * runs (all at once) and a 280th, "Compressing all.zip\n", once it completes. The lines the recordings
 * show are kept as recorded; the elided middle is filled with lines of the same form.
 */
const HEAD = [
  'DJI_0131.JPG - DJI_0313.JPG has 1 candidate matches',
  'DJI_0131.JPG - DJI_0177.JPG has 3 candidate matches',
  'DJI_0131.JPG - DJI_0302.JPG has 0 candidate matches',
  'DJI_0131.JPG - DJI_0210.JPG has 0 candidate matches',
  'DJI_0131.JPG - DJI_0164.JPG has 1 candidate matches',
  'DJI_0131.JPG - DJI_0222.JPG has 0 candidate matches',
];
const TAIL = [
  'DJI_0118.JPG - DJI_0210.JPG has 0 candidate matches',
  'DJI_0118.JPG - DJI_0132.JPG has 3 candidate matches',
  'DJI_0118.JPG - DJI_0223.JPG has 1 candidate matches',
  'DJI_0118.JPG - DJI_0163.JPG has 1 candidate matches',
];
const RUNNING_LINES = 279;

function middle(count: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    const a = 120 + (i % 13);
    const b = 130 + ((i * 37) % 190);
    out.push(`DJI_0${a}.JPG - DJI_0${b}.JPG has ${(i * 7) % 4} candidate matches`);
  }
  return out;
}

/** What `/output` holds while the task runs (and after it failed). */
export const RUNNING_OUTPUT: readonly string[] = [
  ...HEAD,
  ...middle(RUNNING_LINES - HEAD.length - TAIL.length),
  ...TAIL,
];

/** What `/output` holds once the task completed. */
export const COMPLETED_OUTPUT: readonly string[] = [...RUNNING_OUTPUT, 'Compressing all.zip\n'];
