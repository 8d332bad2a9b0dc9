#!/usr/bin/env bash
# Accuracy gate (issues 3 and 14): TempEval-3 Task A figures of the tagger must stay above the floors, on
# TimeBank + AQUAINT (news, each file's DCT), on WikiWars dev read in narrative mode (history: the text's own
# dates anchor it, the file's download-date DCT is ignored) and on tweets train (each tweet's DCT). The corpora
# live outside the repo (../shared, never copied in); without them the gate is skipped.
set -euo pipefail
cd "$(dirname "$0")/.."
CORPORA=../shared/corpora
TBAQ=$CORPORA/tbaq
if [ ! -d "$TBAQ" ]; then
  echo "eval_gate: skipped ($TBAQ not present)"
  exit 0
fi
"${PYTHON:-python3}" -m timeline.cli evaluate "$TBAQ/timebank" "$TBAQ/aquaint" \
  --min-relaxed 0.92 --min-strict 0.85 --min-value 0.80 --min-type 0.89
if [ -d "$CORPORA/wikiwars/dev" ]; then
  "${PYTHON:-python3}" - "$CORPORA/wikiwars/dev" <<'PY'
import sys

from timeline.evaluation.tempeval import evaluate
from timeline.tagger import tag

FLOORS = {"value": 0.85}
report = evaluate([sys.argv[1]], tagger=lambda text, dct=None: tag(text, None))     # narrative mode
figures = {k: report.overall.f1(k) for k in ("strict", "relaxed", "value", "type")}
print("wikiwars/dev (narrative):", " ".join(f"{k} {v:.3f}" for k, v in figures.items()))
low = [f"{k} {figures[k]:.3f} < {floor}" for k, floor in FLOORS.items() if figures[k] < floor]
if low:
    sys.exit("eval_gate: wikiwars/dev below its floor: " + ", ".join(low))
PY
fi
if [ -d "$CORPORA/tweets/train" ]; then
  "${PYTHON:-python3}" -m timeline.cli evaluate "$CORPORA/tweets/train" --min-value 0.80
fi
