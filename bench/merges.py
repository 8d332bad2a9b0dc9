"""Cross-article merging on the multi-article fixtures: how many rows before and after, and which rows merged.

    python bench/merges.py [FOLDER ...] [--show]

With no folder, every story fixture (``tests/fixtures/story*``) and the counter-fixture of unrelated articles
(``tests/fixtures/unrelated``). Each folder is built twice with ``timeline.build`` (``merge=False`` and the default
merge); publication rows are left out of the counts. Prints one JSON line per folder: ``mentions`` (rows unmerged),
``rows`` (merged), ``merged`` (rows that hold two or more articles) and ``sources_hidden`` (mentions folded into
another row). ``--show`` prints each merged row (date, headline, sources) to stderr: a false merge is read there.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

FIXTURES = ROOT / "tests" / "fixtures"


def report(folder: str, show: bool = False) -> dict:
    import timeline
    plain = timeline.build([folder], merge=False, jobs=1).events
    merged = timeline.build([folder], jobs=1).events
    plain = plain[plain["kind"] != "publication"]
    merged = merged[merged["kind"] != "publication"]
    many = merged[merged["sources_count"] > 1]
    if show:
        for _, r in many.iterrows():
            print(f"[{Path(folder).name}] {r['edtf']} {r['headline']!r} <- {r['source_path']}\n    {r['merge_note']}",
                  file=sys.stderr)
    return {"fixture": Path(folder).name, "mentions": len(plain), "rows": len(merged), "merged": len(many),
            "sources_hidden": int((many["sources_count"] - 1).sum())}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("folder", nargs="*")
    ap.add_argument("--show", action="store_true", help="print every merged row to stderr")
    args = ap.parse_args(argv)
    folders = args.folder or sorted(str(p) for p in FIXTURES.iterdir()
                                    if p.is_dir() and (p.name.startswith("story") or p.name == "unrelated"))
    for folder in folders:
        print(json.dumps(report(folder, args.show)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
