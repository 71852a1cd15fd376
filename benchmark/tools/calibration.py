"""How well the stored confidence (``analysis.history.confidence``) predicts being right, on the
benchmark's test split: per confidence bucket, how many facts, the share correct and the mean
confidence; the Brier score per kind of fact and overall; a reliability plot.

    python benchmark/tools/calibration.py            # print the table (test split)
    python benchmark/tools/calibration.py --write    # and write docs/calibration.png and the
                                                     # table between README.md's markers

The split's articles are extracted (``python -m analysis extract``), consolidated together as a
store of those articles would be (``analysis.history.consolidate``: each fact gets its confidence there),
and each predicted fact is marked right or wrong against the gold by the evaluator's own
company-aware matching (``analysis.evaluate.fact_outcomes``): rounds (amount and company),
valuations (value, currency and company), leads and investors (of a matched round).

Figures only: no sentence, no company, no error of the test split is ever printed. The weights
were fitted on the dev split (``fit_confidence.py``), never on this one.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import math
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from analysis import frames as fr  # noqa: E402
from analysis.evaluate import fact_outcomes, load_gold, read_split  # noqa: E402
from analysis.history.consolidate import Consolidated, consolidate, mentions_frame  # noqa: E402
from analysis.model import facts_from_json  # noqa: E402

BENCHMARK = ROOT / "benchmark"
README = ROOT / "README.md"
PLOT = ROOT / "docs" / "calibration.png"
START, END = "<!-- calibration:start -->", "<!-- calibration:end -->"
#: Upper bounds of the confidence buckets (the first starts at 0; a bound belongs to its bucket).
BUCKETS = (0.2, 0.4, 0.6, 0.8, 1.0)
#: Kinds of fact, in the order of the tables, with the frame whose confidence they carry.
KINDS = {"round": "rounds", "valuation": "valuations", "lead": "investments", "investor": "investments"}


# --------------------------------------------------------------------------- facts


def predictions(split: str) -> list[dict[str, Any]]:
    """The extraction of the split's articles (``python -m analysis extract``)."""
    command = [sys.executable, "-m", "analysis", "extract", str(BENCHMARK / "articles"), "--manifest",
               str(BENCHMARK / "manifest.csv")]
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=True)
    files = read_split(BENCHMARK / "split.csv", split)
    lines = [json.loads(line) for line in done.stdout.splitlines() if line.strip()]
    return [p for p in lines if Path(p["file"]).name in files]


def gold_lines(split: str) -> dict[str, dict[str, Any]]:
    files = read_split(BENCHMARK / "split.csv", split)
    return {Path(g["file"]).name: g for g in load_gold(BENCHMARK / "gold.jsonl") if Path(g["file"]).name in files}


def consolidated(preds: list[dict[str, Any]]) -> Consolidated:
    """The predictions consolidated as a store of these articles would be."""
    facts = [facts_from_json(p) for p in preds]
    now = dt.datetime.now().replace(microsecond=0)
    articles = fr.conform("articles", pd.DataFrame([{
        "article_id": f.article_id, "file": f.file, "publisher": f.publisher, "title": f.title, "url": f.url,
        "author": f.author, "published": f.published, "published_precision": f.published_precision,
        "language": f.language, "ingested_at": now,
    } for f in facts]))
    return consolidate(articles, mentions_frame(facts))


@dataclass
class Fact:
    kind: str
    correct: bool
    frame: str  # "rounds", "investments" or "valuations"
    row: Any  # the index of its row in that frame (None when none was found)


def _index(frame: pd.DataFrame, mask: pd.Series) -> Any:
    hits = frame.index[mask.fillna(False).astype(bool)]
    return hits[0] if len(hits) else None


def labelled_facts(preds: list[dict[str, Any]], gold: dict[str, dict[str, Any]], result: Consolidated) -> list[Fact]:
    """Each predicted fact, right or wrong, with the row of the frame that stores it."""
    mentions = result.mentions if result.mentions is not None else fr.empty("mentions")
    keyed = mentions.dropna(subset=["round_key", "round_id"])
    round_of = {(a, int(k)): r for a, k, r in zip(keyed["article_id"], keyed["round_key"], keyed["round_id"],
                                                  strict=True)}
    rounds, investments, valuations = result.rounds, result.investments, result.valuations
    out: list[Fact] = []
    for pred in preds:
        gold_art = gold.get(Path(pred["file"]).name)
        if gold_art is None:
            continue
        article = pred["article_id"]
        for outcome in fact_outcomes(gold_art, pred):
            round_id = round_of.get((article, outcome.round_index)) if outcome.round_index is not None else None
            if outcome.kind == "round":
                row = _index(rounds, rounds["round_id"] == round_id)
            elif outcome.kind in {"lead", "investor"}:
                row = _index(investments, (investments["round_id"] == round_id)
                             & (investments["investor"] == outcome.investor))
            elif outcome.round_index is not None:
                value = pred["rounds"][outcome.round_index]["valuation"]
                row = _index(valuations, (valuations["article_id"] == article) & (valuations["round_id"] == round_id)
                             & ((valuations["value"] - value).abs() <= 1e-6 * abs(value)))
            else:
                value = pred["valuations"][outcome.valuation_index]["value"]
                row = _index(valuations, (valuations["article_id"] == article)
                             & ((valuations["value"] - value).abs() <= 1e-6 * abs(value)))
            out.append(Fact(outcome.kind, outcome.correct, KINDS[outcome.kind], row))
    return out


def confidences(facts: list[Fact], result: Consolidated) -> pd.DataFrame:
    """``kind``, ``correct`` and ``confidence`` of each fact whose row was found."""
    frames = {"rounds": result.rounds, "investments": result.investments, "valuations": result.valuations}
    rows = [{"kind": f.kind, "correct": float(f.correct),
             "confidence": float(frames[f.frame].at[f.row, "confidence"])}
            for f in facts if f.row is not None]
    return pd.DataFrame(rows, columns=["kind", "correct", "confidence"])


# --------------------------------------------------------------------------- figures


def bucket_of(confidence: float) -> int:
    return next(i for i, top in enumerate(BUCKETS) if confidence <= top + 1e-12)


def _label(i: int) -> str:
    low = 0.0 if i == 0 else BUCKETS[i - 1]
    return f"{low:.1f}–{BUCKETS[i]:.1f}"


def brier(table: pd.DataFrame) -> float:
    return float(((table["confidence"] - table["correct"]) ** 2).mean()) if len(table) else math.nan


def buckets(table: pd.DataFrame) -> pd.DataFrame:
    """Per bucket: n, share correct, mean confidence."""
    table = table.assign(bucket=table["confidence"].map(bucket_of))
    grouped = table.groupby("bucket").agg(n=("correct", "size"), correct=("correct", "mean"),
                                          confidence=("confidence", "mean"))
    return grouped.reindex(range(len(BUCKETS)))


def markdown(table: pd.DataFrame, split: str, n_articles: int) -> str:
    kinds = [*KINDS, "all"]
    parts = {k: table[table["kind"] == k] for k in KINDS} | {"all": table}
    by = {k: buckets(parts[k]) for k in kinds}
    head = "| confidence | " + " | ".join(f"{k} (n, correct, mean conf.)" for k in kinds) + " |"
    lines = [f"Benchmark {split} split ({n_articles} articles), each predicted fact right or wrong by the "
             "evaluator's company-aware matching (`python benchmark/tools/calibration.py`).", "", head,
             "|---|" + "---|" * len(kinds)]
    for i in range(len(BUCKETS)):
        cells = []
        for k in kinds:
            row = by[k].loc[i]
            cells.append("–" if pd.isna(row["n"]) else f"{int(row['n'])}, {row['correct']:.2f}, {row['confidence']:.2f}")
        lines.append(f"| {_label(i)} | " + " | ".join(cells) + " |")
    lines.append("| **facts** | " + " | ".join(str(len(parts[k])) for k in kinds) + " |")
    lines.append("| **share correct** | " + " | ".join(
        f"{parts[k]['correct'].mean():.3f}" if len(parts[k]) else "–" for k in kinds) + " |")
    lines.append("| **mean confidence** | " + " | ".join(
        f"{parts[k]['confidence'].mean():.3f}" if len(parts[k]) else "–" for k in kinds) + " |")
    lines.append("| **Brier score** | " + " | ".join(
        f"{brier(parts[k]):.3f}" if len(parts[k]) else "–" for k in kinds) + " |")
    reference = _dev_reference(parts)
    if reference:
        lines.append("| Brier of one constant (dev share correct) | " + " | ".join(reference[k] for k in kinds) + " |")
    return "\n".join(lines)


def _dev_reference(parts: dict[str, pd.DataFrame]) -> dict[str, str] | None:
    """The Brier score of confidence = the dev split's share correct, the same for every fact."""
    from analysis.history.confidence import WEIGHTS_PATH

    shares = json.loads(WEIGHTS_PATH.read_text(encoding="utf-8")).get("dev_share_correct")
    if not shares:
        return None
    out = {}
    for kind, part in parts.items():  # "all": each fact at its own kind's dev share
        share = part["kind"].map(shares)
        out[kind] = f"{float(((share - part['correct']) ** 2).mean()):.3f}" if share.notna().all() and len(part) else "–"
    return out


# --------------------------------------------------------------------------- plot


_COLOURS = {"round": (31, 119, 180), "valuation": (255, 127, 14), "lead": (44, 160, 44),
            "investor": (214, 39, 40), "all": (40, 40, 40)}


def plot(table: pd.DataFrame, path: Path, title: str) -> None:
    """A reliability plot (share correct against mean confidence, per bucket and kind), drawn with
    Pillow (neither kaleido nor matplotlib is installed)."""
    from PIL import Image, ImageDraw, ImageFont

    width, height, left, right, top, bottom = 760, 560, 70, 190, 50, 60
    image = Image.new("RGB", (width, height), "white")
    draw = ImageDraw.Draw(image)
    font = ImageFont.load_default(size=14)
    small = ImageFont.load_default(size=12)
    plot_w, plot_h = width - left - right, height - top - bottom

    def at(x: float, y: float) -> tuple[float, float]:
        return left + x * plot_w, top + (1 - y) * plot_h

    for tick in range(6):
        value = tick / 5
        x, _ = at(value, 0)
        _, y = at(0, value)
        draw.line([(x, top), (x, top + plot_h)], fill=(230, 230, 230))
        draw.line([(left, y), (left + plot_w, y)], fill=(230, 230, 230))
        draw.text((x, top + plot_h + 6), f"{value:.1f}", fill="black", font=small, anchor="mt")
        draw.text((left - 8, y), f"{value:.1f}", fill="black", font=small, anchor="rm")
    draw.rectangle([left, top, left + plot_w, top + plot_h], outline="black")
    for k in range(40):  # the diagonal, dashed: perfect calibration
        if k % 2 == 0:
            draw.line([at(k / 40, k / 40), at((k + 1) / 40, (k + 1) / 40)], fill=(120, 120, 120), width=1)
    draw.text((left + plot_w / 2, height - 18), "mean confidence in the bucket", fill="black", font=font, anchor="mm")
    draw.text((12, top - 14), "share correct", fill="black", font=font, anchor="lm")
    draw.text((width / 2, 20), title, fill="black", font=font, anchor="mm")
    legend_y = top + 10
    for kind in [*KINDS, "all"]:
        part = table if kind == "all" else table[table["kind"] == kind]
        stats = buckets(part).dropna()
        colour = _COLOURS[kind]
        points = [at(float(r["confidence"]), float(r["correct"])) for _, r in stats.iterrows()]
        line_width = 3 if kind == "all" else 2
        if len(points) > 1:
            draw.line(points, fill=colour, width=line_width)
        for (x, y), (_, r) in zip(points, stats.iterrows(), strict=True):
            radius = 3 + min(6, math.sqrt(float(r["n"])) / 2)
            draw.ellipse([x - radius, y - radius, x + radius, y + radius], fill=colour)
        draw.line([(width - right + 20, legend_y), (width - right + 45, legend_y)], fill=colour, width=3)
        draw.text((width - right + 52, legend_y), f"{kind} ({len(part)})", fill="black", font=small, anchor="lm")
        legend_y += 22
    draw.text((width - right + 20, legend_y + 10), "dot size: facts", fill=(90, 90, 90), font=small, anchor="lm")
    draw.text((width - right + 20, legend_y + 28), "dashed: perfect", fill=(90, 90, 90), font=small, anchor="lm")
    path.parent.mkdir(parents=True, exist_ok=True)
    image.save(path, format="PNG", optimize=True)


def write_readme(text: str) -> None:
    content = README.read_text(encoding="utf-8")
    if START not in content or END not in content:
        raise SystemExit(f"{README} lacks the markers {START} / {END}")
    pattern = re.compile(re.escape(START) + r".*?" + re.escape(END), re.DOTALL)
    README.write_text(pattern.sub(lambda _: f"{START}\n{text}\n{END}", content), encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--split", default="test", choices=["dev", "test"])
    parser.add_argument("--write", action="store_true", help="write docs/calibration.png and README.md's table")
    args = parser.parse_args(argv)
    if args.write and args.split != "test":
        parser.error("--write publishes the test split's calibration only")
    preds = predictions(args.split)
    result = consolidated(preds)
    table = confidences(labelled_facts(preds, gold_lines(args.split), result), result)
    text = markdown(table, args.split, len(preds))
    print(text)
    if args.write:
        plot(table, PLOT, f"Reliability of the confidence, benchmark {args.split} split")
        write_readme(text)
        print(f"wrote {PLOT.relative_to(ROOT)} and {README.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
