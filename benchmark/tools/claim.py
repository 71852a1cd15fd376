"""Claim an article for the benchmark before writing it: refuses a URL already claimed, a
Mistral AI article, and a publisher that already has the maximum number of articles.

    python benchmark/tools/claim.py URL "Publisher name" fr|en KIND
    python benchmark/tools/claim.py --list      # every claim so far, and counts per publisher
"""

from __future__ import annotations

import csv
import fcntl
import sys
from collections import Counter
from pathlib import Path

#: At most this many articles from one publisher (the benchmark issue).
MAX_PER_PUBLISHER = 8
CLAIMS = Path(__file__).resolve().parents[1] / "work" / "claims.csv"
KINDS = ("announcement", "rumour", "roundup", "feature")


def main(argv: list[str]) -> int:
    CLAIMS.parent.mkdir(parents=True, exist_ok=True)
    with CLAIMS.open("a+", encoding="utf-8", newline="") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        handle.seek(0)
        rows = list(csv.reader(handle))
        per_publisher = Counter(row[1].strip().lower() for row in rows)
        if argv[:1] == ["--list"]:
            for row in rows:
                print(",".join(row))
            print(per_publisher.most_common())
            return 0
        url, publisher, language, kind = argv
        if kind not in KINDS:
            print(f"REFUSED: kind must be one of {KINDS}")
            return 2
        if any(row[0] == url for row in rows):
            print("REFUSED: this URL is already claimed")
            return 2
        if "mistral" in url.lower():
            print("REFUSED: no Mistral AI articles")
            return 2
        if per_publisher[publisher.strip().lower()] >= MAX_PER_PUBLISHER:
            print(f"REFUSED: {publisher} already has {MAX_PER_PUBLISHER} articles")
            return 2
        csv.writer(handle).writerow([url, publisher, language, kind])
        print(f"OK: claimed ({per_publisher[publisher.strip().lower()] + 1} from {publisher})")
        return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
