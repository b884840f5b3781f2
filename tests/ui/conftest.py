"""Fixtures for the app's tests: a private home for drafts and exports, and a fixed time zone."""

from app_fixtures import home, utc  # noqa: F401  (fixtures are found by name)
