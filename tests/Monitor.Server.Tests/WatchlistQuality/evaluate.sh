#!/usr/bin/env bash
# Prints precision and recall per term of a watchlist on the labelled evaluation set, with the ids of the
# articles it got wrong. Usage: evaluate.sh [WATCHLIST] [ARTICLES]
# (defaults: the shipped src/Monitor.Server/defaults/watchlist.json and evaluation.jsonl next to this script).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../.." && pwd)
watchlist=${1:-$root/src/Monitor.Server/defaults/watchlist.json}
articles=${2:-$here/evaluation.jsonl}
matches=$(mktemp)
trap 'rm -f "$matches"' EXIT

dotnet run --project "$root/src/Monitor.Server" -c Release -- match --watchlist "$watchlist" --input "$articles" > "$matches"

jq -n -r --slurpfile articles "$articles" --slurpfile matches "$matches" --slurpfile watchlist "$watchlist" '
  ($matches | map({key: .id, value: .terms}) | from_entries) as $got
  | def ratio(a; b): if b == 0 then 1 else a / b end;
    def fixed: (. * 1000 | round / 1000 | tostring);
  "\($articles | length) articles",
  "term          TP   FP   FN  precision  recall",
  ($watchlist[0].terms[] | .id as $t
   | [$articles[] | {id, want: (.labels | index($t) != null), has: ($got[.id] | index($t) != null)}] as $r
   | ($r | map(select(.want and .has)) | length) as $tp
   | ($r | map(select(.has and (.want | not)) | .id)) as $fp
   | ($r | map(select(.want and (.has | not)) | .id)) as $fn
   | "\($t | . + " " * (12 - length)) \($tp | tostring | " " * (3 - length) + .) \($fp | length | tostring | " " * (4 - length) + .) \($fn | length | tostring | " " * (4 - length) + .)  \(ratio($tp; $tp + ($fp | length)) | fixed | " " * (9 - length) + .)  \(ratio($tp; $tp + ($fn | length)) | fixed | " " * (6 - length) + .)"
     + (if ($fp | length) + ($fn | length) > 0 then "\n  false positives: \($fp | join(", "))\n  missed: \($fn | join(", "))" else "" end))
'
