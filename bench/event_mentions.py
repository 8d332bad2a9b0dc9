"""Event detector throughput (``timeline.events.mentions.detect``) in KB of text per second on the TBAQ texts.

    python bench/event_mentions.py [TBAQ_DIR] [--repeat 3]

The texts are each ``.tml`` file's ``<TEXT>`` (timeline.sources.timeml's reader), KB is 1024 bytes of UTF-8.
The model is loaded first (its load time is reported apart); the first pass is cold (every word type's weights
summed for the first time), the next passes warm; for each the CPU time of the process is taken, the best warm
pass kept. Prints one JSON line.
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from timeline.events.mentions import detect, load  # noqa: E402
from timeline.sources.timeml import read_timeml  # noqa: E402


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("tbaq", nargs="?", default=str(ROOT.parent / "shared" / "corpora" / "tbaq"))
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args(argv)
    texts = [read_timeml(p).text for p in sorted(Path(args.tbaq).glob("*/*.tml"))]
    kb = sum(len(t.encode("utf-8")) for t in texts) / 1024
    began = time.process_time()
    load()
    loaded = time.process_time() - began
    passes = []
    events = 0
    for _ in range(1 + args.repeat):
        began = time.process_time()
        events = sum(len(detect(t)) for t in texts)
        passes.append(time.process_time() - began)
    print(json.dumps({"documents": len(texts), "kb": round(kb), "events": events, "load_s": round(loaded, 2),
                      "cold_kb_s": round(kb / passes[0]), "warm_kb_s": round(kb / min(passes[1:]))}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
