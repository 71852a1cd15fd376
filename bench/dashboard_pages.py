"""Dashboard page-ready and filter-change times on a 10,000-article store, beside hello world.

``python bench/dashboard_pages.py [--n 10000] [--db PATH] [--rounds 3]``

* The store: ``--db``, else ``bench/out/dashboard_N.duckdb``, built when missing by
  ingesting ``bench/corpus/N`` (``bench/make_corpus.py``); ``seeds/`` is ingested into
  either before the servers start (so the dashboard's first-start seeding has nothing to do).
* Two servers on free localhost ports: ``streamlit run dashboard.py`` with ``LEVEE_DB`` set
  to the store, and ``streamlit run bench/hello_world.py``.
* Playwright drives Debian's Chromium (``/usr/bin/chromium``, ``LEVEE_CHROMIUM`` to
  override). A page is *ready* when its ``h1`` title shows, its main element (chart,
  table, ...) is visible, no ``stStatusWidget`` running indicator shows and the app
  reports ``data-test-script-state="notRunning"``. Each visit is a new session; the first
  visit of each page (cold caches) is shown apart from the median of ``--rounds`` visits.
  Before a server's first visit the browser fetches its static files from a page that runs
  no app (``warm_browser``, not timed), so a first visit is the server's cold start, not the
  download of Streamlit's own bundle for a new origin.
* Filter change: on each page, a sidebar multiselect (the company with the most rounds,
  then the language "fr") is set; the time runs from the mousedown on the option (taken
  in the page) to the end of the rerun it triggers (script state back to notRunning) and
  the next painted frame, measured by a MutationObserver in the page.

Prints each page beside hello world and the ratios (targets: page ready <= 2x hello world;
filter change <= 0.5 s). Figures go to ``bench/out/dashboard_pages.json``. No figure is
asserted.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib.util
import json
import os
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from analysis.ingest import ingest  # noqa: E402

sys.path.insert(0, str(ROOT / "bench"))

from make_corpus import ensure_corpus  # noqa: E402

OUT = ROOT / "bench" / "out"
CHROMIUM = os.environ.get("LEVEE_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
TIMEOUT_MS = 180_000

#: url path, h1 title, the element that shows the page's content (see ``dashboard.py``).
PAGES = [
    ("", "Overview", '[data-testid="stMetricValue"] && [data-testid="stDataFrame"] canvas'),
    ("timeline", "Valuation timeline", ".js-plotly-plot .main-svg"),
    ("cap-table", "Investor cap table", '[data-testid="stDataFrame"], .js-plotly-plot .main-svg'),
    ("sources", "Source comparison", '[data-testid="stDataFrame"] canvas'),
    ("articles", "Articles", '[data-testid="stMarkdownContainer"]'),
    ("data", "Data", '[data-testid="stDataFrame"] canvas'),
    ("company", "Company", '[data-testid="stTextInput"] input'),  # no company picked: the search box
    ("investor", "Investor", '[data-testid="stTextInput"] input'),
    ("review", "Review", '[data-testid="stDataFrame"] canvas'),
]
HELLO = ("", "Hello, world", '[data-testid="stMarkdownContainer"]')
#: The second baseline: hello world plus a tiny table and chart (the components' own cost).
HELLO_TABLE = ("", "Hello, table", '[data-testid="stDataFrame"] canvas && .js-plotly-plot .main-svg')
IDLE = ('[data-testid="stApp"][data-test-script-state="notRunning"]'
        '[data-test-connection-state="CONNECTED"]')

#: Installed in the page before a filter change: times the rerun from the user's mousedown.
OBSERVER = """() => {
  const app = document.querySelector('[data-testid="stApp"]');
  const w = window.__levee = {t0: null, running: null, done: null, painted: null};
  document.addEventListener('mousedown', () => { if (w.t0 === null) w.t0 = performance.now(); }, true);
  new MutationObserver(() => {
    const state = app.getAttribute('data-test-script-state');
    if (w.t0 === null) return;
    if (state === 'running' && w.running === null) w.running = performance.now();
    if (state === 'notRunning' && w.running !== null && w.done === null) {
      w.done = performance.now();
      requestAnimationFrame(() => requestAnimationFrame(() => { w.painted = performance.now(); }));
    }
  }).observe(app, {attributes: true, attributeFilter: ['data-test-script-state']});
}"""


# --------------------------------------------------------------------------- servers


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Server:
    """``streamlit run script`` on a free port, restartable, with a memory watchdog: a server
    whose process tree passes ``max_rss`` bytes is killed (a page that would exhaust the
    machine's memory is reported as such, and the next page gets a fresh server)."""

    def __init__(self, script: str, env: dict[str, str], log: Path, max_rss: int) -> None:
        self.script, self.env, self.log, self.max_rss = script, env, log, max_rss
        self.proc: subprocess.Popen[bytes] | None = None
        self.url = ""
        self.peak_rss = 0
        self.killed_for_memory = False
        self._stop = threading.Event()
        self._watch = threading.Thread(target=self._watchdog, daemon=True)
        self._watch.start()

    def start(self) -> str:
        port = free_port()
        cmd = [sys.executable, "-m", "streamlit", "run", self.script, "--server.headless", "true",
               "--server.port", str(port), "--server.address", "127.0.0.1", "--server.fileWatcherType", "none",
               "--browser.gatherUsageStats", "false", "--client.toolbarMode", "minimal"]
        with self.log.open("ab") as out:
            self.proc = subprocess.Popen(cmd, cwd=ROOT, env=self.env, stdout=out, stderr=subprocess.STDOUT)
        self.url = f"http://127.0.0.1:{port}"
        self.killed_for_memory = False
        deadline = time.monotonic() + 120
        while True:
            if self.proc.poll() is not None:
                raise RuntimeError(f"streamlit exited with {self.proc.returncode}:\n{self.log.read_text()[-2000:]}")
            with contextlib.suppress(OSError), urllib.request.urlopen(f"{self.url}/_stcore/health", timeout=2) as r:
                if r.read().strip() == b"ok":
                    return self.url
            if time.monotonic() > deadline:
                raise RuntimeError(f"streamlit did not start:\n{self.log.read_text()[-2000:]}")
            time.sleep(0.2)

    def alive(self) -> bool:
        return self.proc is not None and self.proc.poll() is None

    def ensure(self) -> str:
        """The URL of a running server (restarted when it died)."""
        if not self.alive():
            print(f"  (re)starting {self.script} ...", file=sys.stderr, flush=True)
            self.start()
        return self.url

    def rss(self) -> int:
        import psutil

        if not self.alive():
            return 0
        total = 0
        with contextlib.suppress(psutil.Error):
            root = psutil.Process(self.proc.pid)  # type: ignore[union-attr]
            for proc in [root, *root.children(recursive=True)]:
                with contextlib.suppress(psutil.Error):
                    total += proc.memory_info().rss
        return total

    def _watchdog(self) -> None:
        while not self._stop.wait(0.2):
            rss = self.rss()
            self.peak_rss = max(self.peak_rss, rss)
            if rss > self.max_rss and self.alive():
                self.killed_for_memory = True
                print(f"  {self.script}: RSS {rss / 2**30:.1f} GiB > {self.max_rss / 2**30:.1f} GiB, killed",
                      file=sys.stderr, flush=True)
                self.proc.kill()  # type: ignore[union-attr]

    def stop(self) -> None:
        self._stop.set()
        if self.alive():
            self.proc.terminate()  # type: ignore[union-attr]
            try:
                self.proc.wait(timeout=15)  # type: ignore[union-attr]
            except subprocess.TimeoutExpired:
                self.proc.kill()  # type: ignore[union-attr]
                self.proc.wait(timeout=15)  # type: ignore[union-attr]


# --------------------------------------------------------------------------- store


def build_store(n: int, db: Path) -> None:

    corpus = ensure_corpus(n)
    print(f"  building the {n}-article store {db} (once) ...", file=sys.stderr, flush=True)
    db.parent.mkdir(parents=True, exist_ok=True)
    report = ingest([corpus, ROOT / "seeds"], db=db)
    print(f"  {report.summary()} in {report.seconds:.0f} s", file=sys.stderr)


def seed(db: Path) -> None:
    """The seeds into the store, as the dashboard's first start would (a store built from facts,
    ``bench/store_scale.py --facts-from``, lacks them): not timed, so that the first visit
    measures the page, not the first-start ingest (which costs no NLP once the seeds are in)."""
    report = ingest([ROOT / "seeds"], manifest=ROOT / "seeds" / "manifest.csv", db=db)
    if report.ingested:
        print(f"  seeds: {report.summary()}", file=sys.stderr)


def filter_choices(db: Path) -> list[tuple[str, str]]:
    """(multiselect label, option) pairs to set: the busiest company, then French."""
    from analysis import load

    frames = load(db)
    choices = []
    companies = frames.rounds["company"].dropna()
    if not companies.empty:
        choices.append(("Company", str(companies.value_counts().index[0])))
    if "fr" in set(frames.articles["language"].dropna()):
        choices.append(("Language", "fr"))
    return choices


# --------------------------------------------------------------------------- browser


def wait_ready(page: Any, title: str, marker: str) -> bool:
    """Title, main element, no running indicator, script finished. False when the marker never
    showed (the page changed shape): the time then covers the rest only."""
    page.locator("h1", has_text=title).first.wait_for(timeout=TIMEOUT_MS)
    found = True
    for selector in marker.split(" && "):
        try:
            page.locator(selector).first.wait_for(state="visible", timeout=30_000)
        except Exception:
            found = False
    page.wait_for_selector(IDLE, timeout=TIMEOUT_MS)
    page.wait_for_function(
        """() => !Array.from(document.querySelectorAll('[data-testid="stStatusWidget"]'))
                 .some(el => /running/i.test(el.innerText) || el.querySelector('[data-testid="stStatusWidgetRunningIcon"]'))""",
        timeout=TIMEOUT_MS,
    )
    return found


#: Streamlit's static files (scripts, styles, fonts), served under the same paths by every server.
STATIC = Path(importlib.util.find_spec("streamlit").origin).parent / "static"  # type: ignore[arg-type]
STATIC_SUFFIXES = {".js", ".css", ".woff2", ".svg", ".png", ".gif", ".json"}


def warm_browser(context: Any, server: Server) -> None:
    """The browser's HTTP cache gets a server's static files (Streamlit's scripts, styles, fonts:
    fetched from a page of that origin that runs no app, so no script runs on the server): the
    first timed visit then measures the server's cold start and caches, not the browser
    downloading Streamlit's bundle for a new origin (which any Streamlit app pays once)."""
    url = server.ensure()
    files = sorted(f"{url}/{path.relative_to(STATIC).as_posix()}" for path in STATIC.rglob("*")
                   if path.is_file() and path.suffix in STATIC_SUFFIXES and path.name != "index.html")
    page = context.new_page()
    try:
        page.goto(f"{url}/_stcore/health")
        page.evaluate("async (urls) => { await Promise.all(urls.map(u => fetch(u).then(r => r.blob())"
                      ".catch(() => null))); }", files)
    finally:
        page.close()


def visit(page: Any, server: Server, path: str, title: str, marker: str) -> tuple[float, bool]:
    """Seconds until the page is ready; NaN when it never was (timeout, or the server killed
    for memory): a screenshot is saved."""
    url = server.ensure()
    start = time.perf_counter()
    try:
        page.goto(f"{url}/{path}")
        found = wait_ready(page, title, marker)
    except Exception as error:
        shot = OUT / f"dashboard_pages_failed_{path or 'home'}.png"
        with contextlib.suppress(Exception):
            page.screenshot(path=str(shot))
        why = "server killed: memory" if server.killed_for_memory else type(error).__name__
        print(f"  {title}: not ready after {time.perf_counter() - start:.0f} s ({why}); see {shot}",
              file=sys.stderr, flush=True)
        return float("nan"), False
    return time.perf_counter() - start, found


def filter_change(page: Any, label: str, option: str) -> float:
    """Seconds from the mousedown on ``option`` to the rerun's end and the next paint."""
    page.evaluate(OBSERVER)
    box = page.locator('[data-testid="stMultiSelect"]', has_text=label).first
    box.locator("input").click()
    page.keyboard.type(option)
    choice = page.get_by_role("option", name=option, exact=True)
    choice.wait_for(timeout=30_000)
    page.evaluate("() => { window.__levee.t0 = null; }")  # only the option's mousedown counts
    choice.click()
    page.wait_for_function("() => window.__levee.painted !== null", timeout=TIMEOUT_MS)
    page.keyboard.press("Escape")
    marks = page.evaluate("() => window.__levee")
    page.wait_for_selector(IDLE, timeout=TIMEOUT_MS)
    return (marks["painted"] - marks["t0"]) / 1000


def median(values: list[float]) -> float:
    ok = [v for v in values if v == v]
    return statistics.median(ok) if ok else float("nan")


def main(argv: list[str] | None = None) -> int:
    global TIMEOUT_MS
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=10_000, help="synthetic articles in the store (default 10,000)")
    parser.add_argument("--db", type=Path, default=None, help="an existing store to use instead")
    parser.add_argument("--rounds", type=int, default=3, help="visits per page after the first (median)")
    parser.add_argument("--page-timeout", type=float, default=180, help="seconds before a page counts as failed")
    parser.add_argument("--max-rss-gb", type=float, default=6.0,
                        help="kill the dashboard server above this memory (GiB; default 6) and go on")
    args = parser.parse_args(argv)
    TIMEOUT_MS = int(args.page_timeout * 1000)

    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        print(f"no Chromium at {CHROMIUM}: apt-get install -y chromium", file=sys.stderr)
        return 2
    db = (args.db or OUT / f"dashboard_{args.n}.duckdb").resolve()
    if not db.exists():
        build_store(args.n, db)
    seed(db)
    choices = filter_choices(db)
    OUT.mkdir(parents=True, exist_ok=True)
    limit = int(args.max_rss_gb * 2**30)
    app = Server("dashboard.py", {**os.environ, "LEVEE_DB": str(db)}, OUT / "dashboard_pages.dashboard.log", limit)
    hello = Server("bench/hello_world.py", dict(os.environ), OUT / "dashboard_pages.hello.log", limit)
    hello_table = Server("bench/hello_table.py", dict(os.environ), OUT / "dashboard_pages.hello_table.log", limit)
    results: dict[str, dict[str, Any]] = {}
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
            context = browser.new_context(viewport={"width": 1400, "height": 1000})
            page = context.new_page()
            print("  visiting pages ...", file=sys.stderr, flush=True)
            visit(page, hello, *HELLO)  # browser warm-up, not timed
            targets = [("hello world", hello, *HELLO), ("hello + table + chart", hello_table, *HELLO_TABLE)]
            targets += [(title, app, path, title, marker) for path, title, marker in PAGES]
            warmed: set[int] = set()
            for name, server, path, title, marker in targets:
                if id(server) not in warmed:  # not timed
                    warm_browser(context, server)
                    warmed.add(id(server))
                app.peak_rss = 0
                first, found = visit(page, server, path, title, marker)
                results[name] = {"first": first, "warm": [], "marker": found, "filters": {},
                                 "killed_for_memory": server.killed_for_memory,
                                 "peak_server_rss_mb": server.peak_rss / 2**20}
                print(f"    {name}: first visit {first:.2f} s", file=sys.stderr, flush=True)
            failed = {name for name, r in results.items() if r["first"] != r["first"]}
            for _ in range(args.rounds):
                for name, server, path, title, marker in targets:
                    if name not in failed:
                        results[name]["warm"].append(visit(page, server, path, title, marker)[0])
            print("  filter changes ...", file=sys.stderr, flush=True)
            for name, server, path, title, marker in targets[2:]:
                if name in failed:
                    continue
                visit(page, server, path, title, marker)
                for label, option in choices:
                    try:
                        results[name]["filters"][f"{label}={option}"] = filter_change(page, label, option)
                    except Exception as error:  # a page without that filter: shown as missing
                        print(f"  {name}: filter {label}={option} not measured: {type(error).__name__}: "
                              f"{str(error).splitlines()[0]}", file=sys.stderr)
            browser.close()
    finally:
        app.stop()
        hello.stop()
        hello_table.stop()

    import duckdb

    with duckdb.connect(str(db), read_only=True) as con:
        sizes = {name: con.execute(f"SELECT count(*) FROM {name}").fetchone()[0]  # noqa: S608 - constant names
                 for name in ("articles", "rounds", "mentions")}
    hello_warm = median(results["hello world"]["warm"])
    print()
    print(f"Dashboard page ready (s) on {db.name}: {sizes['articles']:,} articles, {sizes['rounds']:,} rounds, "
          f"{sizes['mentions']:,} mentions; each visit a new session; {os.cpu_count()} CPUs, "
          f"load average {os.getloadavg()[0]:.1f}")
    labels = [f"{label}={option}" for label, option in choices]
    table_warm = median(results["hello + table + chart"]["warm"])
    head = (f"{'page':<24} {'first':>7} {'÷median':>8} {'median':>7} {'÷hello':>7} {'÷table':>7} "
            f"{'server MB':>9}")
    print(head + "".join(f" {'filter ' + lab[:18]:>27}" for lab in labels))
    for name, r in results.items():
        warm = median(r["warm"])
        mark = " !" if r["killed_for_memory"] else ("" if r["marker"] else " *")
        line = (f"{name + mark:<24} {r['first']:7.2f} {r['first'] / warm:7.2f}x "
                f"{warm:7.2f} {warm / hello_warm:6.2f}x {warm / table_warm:6.2f}x {r['peak_server_rss_mb']:9.0f}")
        for lab in labels:
            value = r["filters"].get(lab)
            line += f" {'' if value is None else f'{value:.2f}':>27}"
        print(line)
        r["median"] = warm
    pages = [(r["median"] / hello_warm if r["median"] == r["median"] else float("inf"), n)
             for n, r in results.items() if not n.startswith("hello")]
    worst_page = max(pages)
    dashboard = {n: r for n, r in results.items() if not n.startswith("hello")}
    worst_first = max((r["first"] / r["median"], n) for n, r in dashboard.items())
    worst_rss = max((r["peak_server_rss_mb"], n) for n, r in dashboard.items())
    filters = [(v, f"{n}: {lab}") for n, r in results.items() for lab, v in r["filters"].items()]
    print()
    print(f"slowest page (median) / hello world: {worst_page[0]:.2f}x ({worst_page[1]})   target <= 2x   "
          f"{'MET' if worst_page[0] <= 2 else 'ABOVE TARGET'}")
    print(f"slowest page (median) / hello + table + chart: {worst_page[0] * hello_warm / table_warm:.2f}x "
          f"({worst_page[1]})   target <= 1.3x   {'MET' if worst_page[0] * hello_warm / table_warm <= 1.3 else 'ABOVE'}")
    print(f"first visit / warm median, worst page: {worst_first[0]:.2f}x ({worst_first[1]})   target <= 2x   "
          f"{'MET' if worst_first[0] <= 2 else 'ABOVE'}")
    print(f"server peak RSS, worst page: {worst_rss[0]:.0f} MB ({worst_rss[1]})   target <= 600 MB   "
          f"{'MET' if worst_rss[0] <= 600 else 'ABOVE'}")
    if filters:
        slowest = max(filters)
        print(f"slowest filter change: {slowest[0]:.2f} s ({slowest[1]})   target <= 0.5 s   "
              f"{'MET' if slowest[0] <= 0.5 else 'ABOVE TARGET'}")
    if any(r["killed_for_memory"] for r in results.values()):
        print(f"! server killed above {args.max_rss_gb:g} GiB while loading this page: not measured (nan)")
    if any(not r["marker"] and not r["killed_for_memory"] for r in results.values()):
        print("* not ready in time, or main element not found (page changed?)")
    (OUT / "dashboard_pages.json").write_text(json.dumps(
        {"db": str(db), "sizes": sizes, "results": results, "choices": choices}, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
