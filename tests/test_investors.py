"""The alias table and the fuzzy threshold that joins typos to their group."""

from __future__ import annotations

import pytest

from analysis.investors import FUZZY_THRESHOLD, alias_rows, canonical_investor, canonical_set


@pytest.mark.parametrize(
    ("name", "canonical"),
    [
        ("a16z", "Andreessen Horowitz"),
        ("Andreessen Horowitz", "Andreessen Horowitz"),
        ("NVIDIA", "Nvidia"),
        ("Nvidia Corp.", "Nvidia"),
        ("Lightspeed", "Lightspeed Venture Partners"),
        ("LightSpeed Venture", "Lightspeed Venture Partners"),
        ("Lighstpeed Venture Partners", "Lightspeed Venture Partners"),  # typo in CFNEWS
        ("BPI", "Bpifrance"),
        ("Bpi France", "Bpifrance"),
        ("DST", "DST Global"),
        ("Salesforce Inc.", "Salesforce"),
        ("CMA-CGM", "CMA CGM"),
        ("QIA", "Qatar Investment Authority"),
    ],
)
def test_aliases_resolve_to_one_canonical_name(name: str, canonical: str) -> None:
    assert canonical_investor(name) == canonical


@pytest.mark.parametrize("name", ["General Atlantic", "Index Capital", "Lightrock", "Sequoia Heritage"])
def test_distinct_firms_stay_apart(name: str) -> None:
    assert canonical_investor(name) == name


def test_threshold_is_pinned() -> None:
    # "Lighstpeed" scores 96.3 against "lightspeed venture partners"; "General Atlantic" 75 against
    # "general catalyst": the threshold must sit between them.
    assert 75 < FUZZY_THRESHOLD < 96.3


def test_canonical_set_deduplicates_in_order() -> None:
    assert canonical_set(["a16z", "Nvidia", "Andreessen Horowitz", "NVIDIA"]) == ["Andreessen Horowitz", "Nvidia"]


def test_every_canonical_name_is_its_own_alias() -> None:
    rows = alias_rows()
    aliases = {row.alias for row in rows}
    assert {row.canonical for row in rows} <= aliases


@pytest.mark.parametrize(("name", "canonical"), [
    ("Andreessen Horowitz (a16z)", "Andreessen Horowitz"),
    ("Harrow Mutual Fund (HMF)", "Harrow Mutual Fund"),
    ("Saltmarsh Partners (a London fund)", "Saltmarsh Partners"),
])
def test_a_bracket_after_the_name_restates_it(name: str, canonical: str) -> None:
    assert canonical_investor(name) == canonical
