"""Settings from the environment (prefix WARMLINE_), pydantic-settings at the edge."""

from __future__ import annotations

from pathlib import Path

from platformdirs import user_data_dir
from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    """Where the book lives.

    WARMLINE_HOME: folder for the default SQLite book, the demo book and settings.
    WARMLINE_DATABASE_URL: any SQLAlchemy URL (e.g. postgresql+psycopg://user@host/db).
    """

    model_config = SettingsConfigDict(env_prefix="WARMLINE_", extra="ignore")

    home: Path = Field(default_factory=lambda: Path(user_data_dir("warmline", appauthor=False)))
    database_url: str | None = None

    def book_url(self, demo: bool = False) -> str:
        if demo:
            return f"sqlite:///{self.demo_path}"
        if self.database_url:
            return self.database_url
        return f"sqlite:///{self.home / 'book.db'}"

    @property
    def demo_path(self) -> Path:
        return self.home / "demo.db"

    @property
    def coach_config_path(self) -> Path:
        return self.home / "coach.yaml"
