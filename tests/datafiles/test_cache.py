"""Data files read at every start are kept parsed, by their content; a damaged entry is never trusted."""

from __future__ import annotations

from pathlib import Path

from datafiles import cache


def test_a_parsed_file_is_cached_by_its_content_and_a_damaged_entry_is_parsed_again(tmp_path: Path) -> None:
    source = tmp_path / "texts.yaml"
    parsed: list[bytes] = []

    def parse(content: bytes) -> dict[str, str]:
        parsed.append(content)
        return {"text": content.decode()}

    source.write_text("one", encoding="utf-8")
    assert cache.cached_parse(source, parse, "test") == {"text": "one"}
    assert cache.cached_parse(source, parse, "test") == {"text": "one"}
    assert parsed == [b"one"], "the second read came from the cache"
    source.write_text("two", encoding="utf-8")
    assert cache.cached_parse(source, parse, "test") == {"text": "two"}
    [entry] = cache.cache_folder().glob("test-texts-*.json")  # the stale entry is gone
    entry.write_text("{damaged", encoding="utf-8")
    assert cache.cached_parse(source, parse, "test") == {"text": "two"}
    assert parsed == [b"one", b"two", b"two"]
