/** `scanbridge check --help`: kept apart so --help loads no part of the check itself. */
export const CHECK_HELP = `
The check looks ahead on small copies of the photos (sharp, COLMAP on this machine, no upload):
blurred or badly exposed photos, duplicates, photos that match none of the main group, photos that
barely overlap, and missing arcs of a ring. With --json it prints one object:
  {"verdict","seconds","photos","flagged":[{"file","reasons":[codes],"detail"}],"groups":[[files]],…}
Exit: 0 the set looks good; 1 it is risky or will likely fail (see the reasons); other codes: see "scanbridge --help".`;
