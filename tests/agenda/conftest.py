"""Fixtures for the agenda tests."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from tests.agenda.persona import Book


@pytest.fixture
def book() -> Book:
    return Book()


@pytest.fixture(scope="session")
def new_book() -> Callable[[], Book]:
    """For hypothesis tests: a fresh book per example."""
    return Book
