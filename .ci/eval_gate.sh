#!/usr/bin/env bash
# Accuracy gate (issue 3): TempEval-3 Task A figures of the tagger on TimeBank + AQUAINT must stay above the
# floors. The corpora live outside the repo (../shared, never copied in); without them the gate is skipped.
set -euo pipefail
cd "$(dirname "$0")/.."
TBAQ=../shared/corpora/tbaq
if [ ! -d "$TBAQ" ]; then
  echo "eval_gate: skipped ($TBAQ not present)"
  exit 0
fi
exec "${PYTHON:-python3}" -m timeline.cli evaluate "$TBAQ/timebank" "$TBAQ/aquaint" \
  --min-relaxed 0.92 --min-strict 0.85 --min-value 0.80 --min-type 0.89
