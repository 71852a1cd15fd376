"""The engine's output for each fresh set as it stood before the set was read: ``benchmark/unread/<set>.jsonl``.

    python benchmark/tools/unread_predictions.py            # every set fit_round_gate.py fits on
    python benchmark/tools/unread_predictions.py fresh5     # one set

A fresh set is collected unread and read in a later session. Each set is extracted by the last
engine that had not read it (a temporary git worktree, run with this checkout's interpreter): the
commit the reading session started from (``LAST_UNREAD_ENGINE``, from the release history of
``benchmark/README.md`` and the commits around each collection), else the commit that adds the
set's ``gold.jsonl``. Its predictions carry the errors an article never seen brings to an engine
as close to today's as each set allows: the data ``fit_round_gate.py`` learns from.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(Path(__file__).resolve().parent))

from fit_round_gate import FIT_SETS, UNREAD  # noqa: E402

#: The commit each set's reading session started from (the engine just before any rule written from
#: the set): the parent of the next set's collection commit, made at that session's start (fresh7:
#: the session's first rule came before its collection commit, so the commit before that rule).
LAST_UNREAD_ENGINE = {
    "fresh5": "3e56292", "fresh6": "4488eed", "fresh7": "ea89efa", "fresh8": "931dafb", "fresh9": "ab1bc96",
    "fresh10": "b543de7", "fresh11": "6c2e5ea", "fresh12": "87d67fc",
}


def collection_commit(name: str) -> str:
    """The commit that added the set's gold (the engine before the set was read)."""
    out = subprocess.run(
        ["git", "log", "--diff-filter=A", "--format=%H", "--", f"benchmark/{name}/gold.jsonl"],
        cwd=ROOT, check=True, capture_output=True, text=True,
    ).stdout.split()
    if not out:
        raise SystemExit(f"benchmark/{name}/gold.jsonl: no commit adds it")
    return out[-1]


def extract_unread(name: str) -> Path:
    commit = LAST_UNREAD_ENGINE.get(name) or collection_commit(name)
    target = UNREAD / f"{name}.jsonl"
    with tempfile.TemporaryDirectory() as scratch:
        tree = Path(scratch) / "tree"
        subprocess.run(["git", "worktree", "add", "--detach", "-q", str(tree), commit], cwd=ROOT, check=True)
        try:
            articles = ROOT / "benchmark" / name
            with target.open("w", encoding="utf-8") as out:
                subprocess.run(
                    [sys.executable, "-m", "analysis", "extract", str(articles / "articles"),
                     "--manifest", str(articles / "manifest.csv")],
                    cwd=tree, check=False, stdout=out,
                )
        finally:
            subprocess.run(["git", "worktree", "remove", "--force", str(tree)], cwd=ROOT, check=True)
    print(f"{name}: engine of {commit[:7]} -> {target.relative_to(ROOT)}")
    return target


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("sets", nargs="*", default=list(FIT_SETS), help="fresh sets (default: those of the fit)")
    args = parser.parse_args()
    UNREAD.mkdir(parents=True, exist_ok=True)
    for name in args.sets:
        extract_unread(name)


if __name__ == "__main__":
    main()
