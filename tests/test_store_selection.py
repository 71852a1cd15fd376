"""A page's rows filtered in DuckDB (``store.read_selection``) are the rows the views' filters keep
(``views.filters.apply_filters`` on the whole store), for every combination of filters."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from mistral_facts import SEED_BUILDERS, seed_article

from analysis import frames as fr
from analysis import store
from analysis.ingest import ingest_facts
from analysis.views.filters import Filters, apply_filters


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("selection") / "levee.duckdb"
    ingest_facts([(seed_article(n), build(seed_article(n))) for n, build in SEED_BUILDERS.items()], path)
    return path


def same_rows(db: Path, f: Filters) -> None:
    expected = apply_filters(store.read_frames(db), f)
    got = store.read_selection(db, f.selection())
    for name in fr.FRAME_NAMES:
        pd.testing.assert_frame_equal(fr.validate(name, got[name]).reset_index(drop=True),
                                      getattr(expected, name).reset_index(drop=True), obj=f"{name} under {f}")


def test_the_choices_are_the_store_s(db):
    offered = store.choices(db, top=10)
    frames = store.read_frames(db)
    assert offered["n_articles"] == len(frames.articles) == 5
    assert "Mistral AI" in offered["companies"] and offered["top_companies"][0] == "Mistral AI"
    assert offered["date_span"][0] == frames.articles["published"].min().date()


def test_profile_name_lists_are_counted_in_the_store(db):
    from analysis.views import company_names, investor_names, ranked_names

    frames = store.read_frames(db)
    companies = ranked_names(store.name_counts(db, "company"))
    investors = ranked_names(store.name_counts(db, "investor"))
    assert companies == company_names(frames) and companies[0] == "Mistral AI"
    assert investors == investor_names(frames) and "Lightspeed Venture Partners" in investors
    assert store.name_counts(db.parent / "absent.duckdb") == {}


def test_no_filter_reads_every_row(db):
    same_rows(db, Filters())


def test_a_publisher_and_a_company(db):
    publisher = store.choices(db, top=1)["publishers"][0]
    same_rows(db, Filters(publishers=(publisher,), companies=("Mistral AI",)))


def drawn_filters(db: Path, data: st.DataObject) -> Filters:
    """Filters drawn from what the store offers, with a publisher and a company it lacks, dates a
    month around its span, one language and one status at most."""
    offered = store.choices(db, top=10)
    first, last = offered["date_span"]
    days = st.none() | st.dates(min_value=first - dt.timedelta(days=30), max_value=last + dt.timedelta(days=30))
    return Filters(
        publishers=tuple(data.draw(st.lists(st.sampled_from([*offered["publishers"], "Nobody"]), max_size=2))),
        date_from=data.draw(days), date_to=data.draw(days),
        companies=tuple(data.draw(st.lists(st.sampled_from([*offered["companies"], "Other"]), max_size=2))),
        languages=tuple(data.draw(st.lists(st.sampled_from(["fr", "en"]), max_size=1))),
        statuses=tuple(data.draw(st.lists(st.sampled_from(list(fr.STATUSES)), max_size=1))),
    )


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_every_combination_of_filters_keeps_the_views_rows(db, data):
    f = drawn_filters(db, data)
    same_rows(db, f)


def same_summary(db: Path, f: Filters) -> None:
    """The Overview summed up in DuckDB says what the views say of the filtered frames."""
    from analysis import views

    frames = apply_filters(store.read_frames(db), f)
    summary = store.overview(db, f.selection())
    got, expected = views.overview_headline(summary), views.headline(frames)
    for money in ("total_raised_eur", "total_raised_usd"):
        if getattr(expected, money) is None:
            assert getattr(got, money) is None, (money, f)
        else:
            assert getattr(got, money) == pytest.approx(getattr(expected, money), rel=1e-9), (money, f)
    for name in ("rounds_with_amount", "n_rounds", "latest_valuation", "n_investors", "n_sources", "n_publishers",
                 "latest_article", "latest_article_precision"):
        assert getattr(got, name) == getattr(expected, name), (name, f)
    assert views.overview_corpus(summary) == views.corpus_state(frames.articles), f
    assert views.ranked_names(store.name_counts(db, "company", selection=f.selection())) == views.company_names(frames)
    for rows, by, ranked in (
        ("source_comparison", "article_id", views.ranked_companies(frames.source_comparison, "article_id")),
        ("investments", "round_id", views.ranked_companies(frames.investments)),
        ("figures", None, views.chart_companies(frames, limit=len(frames.rounds) + len(frames.valuations))[0]),
    ):
        counted = store.companies_counted(db, f.selection(), rows=rows, by=by)
        assert views.ranked_companies_of(counted) == ranked, (rows, f)
    table, total = store.latest_rounds(db, f.selection(), limit=len(frames.rounds) + 1)
    assert total == len(frames.rounds)
    pd.testing.assert_frame_equal(views.rounds_table(table), views.rounds_table(frames.rounds), obj=str(f))
    # the Overview's own listing: the latest rounds and the most reported companies, read with its figures
    for listed in (1, 2, 3):
        short = store.overview(db, f.selection(), rounds_listed=listed, companies_listed=listed)
        pd.testing.assert_frame_equal(short.latest_rounds, store.latest_rounds(db, f.selection(), limit=listed)[0])
        assert views.ranked_names(short.top_company_counts)[:listed] == views.company_names(frames)[:listed], f
        assert short.n_companies == len(views.company_names(frames)), f


def same_checklist(db: Path, f: Filters, order: str, below: float | None, kinds: tuple[str, ...], limit: int) -> None:
    """The facts to check sorted and counted in DuckDB are the views' (frames indexed as the store reads them)."""
    from analysis import views

    filtered = apply_filters(store.read_frames(db), f)
    frames = fr.Frames(**{name: frame.reset_index(drop=True) for name, frame in filtered.items()})
    expected = views.checklist(frames, order, below, kinds, limit)
    got = views.checklist_of(store.facts_to_check(db, f.selection(), order=order, below=below, kinds=kinds,
                                                  limit=limit))
    assert got.total == expected.total, (f, order, below, kinds)
    assert list(got.facts.columns) == list(expected.facts.columns)
    assert views.records(got.facts) == views.records(expected.facts), (f, order, below, kinds)


def test_the_facts_to_check_are_sorted_in_the_store(db):
    for order in ("confidence", "conflicts", "amount"):
        same_checklist(db, Filters(), order, None, (), 1_000)
        same_checklist(db, Filters(), order, 0.6, ("round", "valuation"), 3)
    with pytest.raises(ValueError, match="unknown order"):
        store.facts_to_check(db, order="newest", limit=1)


def test_the_overview_is_summed_up_in_the_store(db):
    same_summary(db, Filters())
    same_summary(db, Filters(publishers=("Nobody",)))  # nothing selected: no total, no latest valuation
    summary = store.overview(db)
    assert summary.n_rounds > 1 and summary.latest_round.shape[0] + summary.latest_valuation.shape[0] == 1
    assert store.overview(db.parent / "absent.duckdb").n_rounds == 0
    with pytest.raises(ValueError, match="cannot count"):
        store.companies_counted(db, rows="articles")  # no company column to count by


def test_the_latest_rounds_are_listed_first_of_all(db):
    rounds = store.read_frames(db).rounds
    listed, total = store.latest_rounds(db, limit=2)
    assert total == len(rounds) > 2 and len(listed) == 2
    latest = sorted(rounds["date"].dropna(), reverse=True)[:2]
    assert sorted(listed["date"], reverse=True) == latest


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_every_combination_of_filters_sums_up_as_the_views_do(db, data):
    f = drawn_filters(db, data)
    same_summary(db, f)
    same_checklist(db, f, data.draw(st.sampled_from(["confidence", "conflicts", "amount"])),
                   data.draw(st.none() | st.sampled_from([0.3, 0.6, 0.9])),
                   tuple(data.draw(st.lists(st.sampled_from(list(fr.FACT_KINDS)), max_size=2, unique=True))),
                   data.draw(st.sampled_from([1, 5, 1_000])))


def test_one_article_is_read_alone(db):
    articles = store.read_frames(db).articles
    first = articles.iloc[[0]].reset_index(drop=True)
    got = store.read_articles(db, [first["article_id"].iloc[0], "not stored"])
    pd.testing.assert_frame_equal(got, first)
    assert store.read_articles(db, []).empty and store.read_articles(db.parent / "absent.duckdb", ["x"]).empty


def test_a_selection_worked_out_once_is_adopted_until_the_store_changes(tmp_path: Path) -> None:
    """The filters are worked out once per store state: the next call under the same filters adopts
    the same rows, and a write to the store makes the next call work them out again."""
    path = tmp_path / "levee.duckdb"
    seeds = sorted(SEED_BUILDERS.items())
    ingest_facts([(seed_article(n), build(seed_article(n))) for n, build in seeds[:-1]], path)
    french = Filters(languages=("fr",))
    first = store.read_selection(path, french.selection())
    assert len(first["articles"]) == len(seeds) - 1
    state = store.state_token(path)
    assert (state, french.selection()) in store._KNOWN
    again = store.read_selection(path, french.selection())
    for name in fr.FRAME_NAMES:
        pd.testing.assert_frame_equal(again[name], first[name], obj=name)
    name, build = seeds[-1]
    ingest_facts([(seed_article(name), build(seed_article(name)))], path)
    assert store.state_token(path) != state
    assert len(store.read_selection(path, french.selection())["articles"]) == len(seeds)
    same_rows(path, french)


def same_article_pages(db: Path, f: Filters, limit: int, words: tuple[str, ...]) -> None:
    """The Articles page's list read a page at a time from the store is the list the views build
    from the filtered frames: the same articles in the same order, with the same figure counts."""
    from analysis.views import articles_table, figure_counts

    expected = apply_filters(store.read_frames(db), f)
    listing = articles_table(expected.articles, figure_counts(expected.mentions))
    text = (listing["Title"].fillna("") + " " + expected.articles.set_index("article_id").reindex(
        listing["article_id"])["publisher"].fillna(fr.UNKNOWN_PUBLISHER).str.strip().replace("", fr.UNKNOWN_PUBLISHER)
        .to_numpy() + " " + expected.articles.set_index("article_id").reindex(listing["article_id"])["file"]
        .fillna("").to_numpy()).str.casefold()
    holds = pd.Series([all(w.casefold() in t for w in words) for t in text], index=listing.index, dtype=bool)
    wanted = listing[holds].reset_index(drop=True)
    pages = []
    for offset in range(0, max(len(wanted), 1), limit):
        page = store.article_page(db, f.selection(), words=words, offset=offset, limit=limit)
        assert (page.matching, page.total) == (len(wanted), len(listing))
        pages.append(page.rows)
    got = pd.concat(pages, ignore_index=True)
    assert got["article_id"].tolist() == wanted["article_id"].tolist(), f
    assert got["figures"].tolist() == wanted["Figures"].tolist()


def test_the_articles_are_listed_a_page_at_a_time(db):
    same_article_pages(db, Filters(), 2, ())
    same_article_pages(db, Filters(), 10, ("mistral",))
    same_article_pages(db, Filters(), 1, ("nothing-such",))
    page = store.article_page(db, None, limit=2, article_id="not stored")
    newest = store.read_frames(db).articles.sort_values("ingested_at").iloc[-1]
    assert len(page.rows) == 2 and page.total == 5 and not page.linked
    assert page.latest is not None and store.article_page(db, None, article_id=page.latest, limit=0).linked
    assert newest["ingested_at"] == store.read_articles(db, [page.latest])["ingested_at"].iloc[0]
    absent = store.article_page(db.parent / "absent.duckdb")
    assert absent.rows.empty and absent.total == 0 and absent.latest is None


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_every_combination_of_filters_lists_the_articles_as_the_views_do(db, data):
    words = tuple(data.draw(st.lists(st.sampled_from(["mistral", "AI", "les", "000", "é"]), max_size=2)))
    same_article_pages(db, drawn_filters(db, data), data.draw(st.sampled_from([1, 2, 1_000])), words)


def test_the_stored_ids_are_read_from_a_read_only_store(db):
    """The upload checks which texts are stored through a read-only connection (``known_ids``)."""
    ids = set(store.read_frames(db).articles["article_id"])
    assert store.known_ids(db) == ids and len(ids) == 5
    with store.connect(db) as con:
        assert store.stored_ids(con) == ids


def test_the_latest_valuation_is_the_later_day_then_announced_then_a_round_s() -> None:
    """``views.overview.latest_valuation``'s order, between the best round and the best stand-alone figure."""
    def one(**values: object) -> pd.DataFrame:
        return pd.DataFrame([{"date": None, "published": None, "status": "reported", **values}])

    may, june = pd.Timestamp("2024-05-02"), pd.Timestamp("2024-06-11")
    none = pd.DataFrame()
    assert store._latest_kind(none, none) is None
    assert store._latest_kind(one(date=may), none) == "round"
    assert store._latest_kind(none, one(published=may)) == "valuation"  # dated by its article
    assert store._latest_kind(one(date=may), one(published=june)) == "valuation"
    assert store._latest_kind(one(date=june, status="announced"), one(date=may, status="announced")) == "round"
    assert store._latest_kind(one(date=may), one(date=may, status="announced")) == "valuation"
    assert store._latest_kind(one(date=may, status="announced"), one(date=may, status="announced")) == "round"
    assert store._latest_kind(one(date=may), one(date=may)) == "round"
