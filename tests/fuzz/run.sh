#!/bin/sh
# Runs every libFuzzer target for SECONDS (default 60) on a copy of its seed corpus; crashes are
# written to tests/fuzz/out/crashes-TARGET and make the script fail.
# Usage: tests/fuzz/run.sh [SECONDS [TARGET…]]   (10 minutes per target: tests/fuzz/run.sh 600)
set -eu
here=$(cd "$(dirname "$0")" && pwd)
secs=${1:-60}
[ $# -gt 0 ] && shift
targets=${*:-input ticket-json ticket-xml error-body redact ca-file}
[ -n "${TL_FUZZ_NO_BUILD:-}" ] || sh "$here/build.sh"
status=0
for t in $targets; do
  work="$here/out/corpus-$t"
  crashes="$here/out/crashes-$t"
  mkdir -p "$work" "$crashes"
  cp -n "$here/corpus/$t/"* "$work/" 2>/dev/null || true
  echo "== fuzz-$t for ${secs}s"
  if ! "$here/out/fuzz-$t" -max_total_time="$secs" -max_len=65536 -timeout=10 -rss_limit_mb=2048 \
       -artifact_prefix="$crashes/" -print_final_stats=1 "$work" 2>"$here/out/fuzz-$t.log"; then
    status=1
    echo "fuzz-$t FOUND A CRASH: see $crashes and $here/out/fuzz-$t.log"
  fi
  grep -E "stat::number_of_executed_units|stat::peak_rss_mb|Done [0-9]+ runs" "$here/out/fuzz-$t.log" | sed "s/^/  /" || true
done
exit $status
