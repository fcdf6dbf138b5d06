#!/usr/bin/env bash
# Security gate (issue 8, item 5). Prints "security: ..." lines; exits non-zero on a HIGH
# electronegativity finding that is not a documented false positive (see
# .ci/electronegativity-gate.mjs) or on a high/critical advisory in the production dependencies.
# An audit endpoint that cannot be reached is reported and does not fail the gate: that is a
# network limitation of the machine, not a finding.
set -uo pipefail
cd "$(dirname "$0")/.."
start=$(date +%s)
status=0

echo "security: ── electronegativity (app sources and the built out/ bundle)"
node .ci/electronegativity-gate.mjs 2> >(grep -v 'Could not retrieve updated translations' >&2) || status=1

echo "security: ── npm audit --omit=dev --audit-level=high"
audit_json=$(npm audit --omit=dev --audit-level=high --json 2>/dev/null)
audit_rc=$?
verdict=$(printf '%s' "$audit_json" | node -e '
  let s = ""; process.stdin.on("data", (d) => (s += d)).on("end", () => {
    let j; try { j = JSON.parse(s); } catch { console.log("unreachable unparseable reply"); return; }
    const v = j && j.metadata && j.metadata.vulnerabilities;
    if (!v) { const m = (j && (j.message || (j.error && (j.error.summary || j.error.code)))) || "no report"; console.log("unreachable " + String(m).split("\n")[0]); return; }
    const bad = (v.high || 0) + (v.critical || 0);
    const names = Object.entries(j.vulnerabilities || {}).filter(([, x]) => x.severity === "high" || x.severity === "critical").map(([n, x]) => n + " (" + x.severity + ")");
    console.log((bad > 0 ? "fail " : "ok ") + "high=" + (v.high || 0) + " critical=" + (v.critical || 0) + " moderate=" + (v.moderate || 0) + " low=" + (v.low || 0) + (names.length ? " in: " + names.join(", ") : ""));
  });')
case "$verdict" in
  ok*) echo "security: npm audit OK: ${verdict#ok }" ;;
  fail*) echo "security: npm audit FAILED: ${verdict#fail }"; status=1 ;;
  *) echo "security: npm audit could not reach the advisory endpoint (${verdict#unreachable }; exit $audit_rc)."
     echo "security: this is a network limitation of this machine, not a finding; run it where the registry's audit API is reachable." ;;
esac

echo "security: done in $(( $(date +%s) - start )) s, $([ $status -eq 0 ] && echo PASSED || echo FAILED)"
exit $status
