"""The chat's options are read without registering every command, to the same effect as the whole parser."""

from __future__ import annotations

import pytest

from assistant.cli import build_parser, chat_only, main


@pytest.mark.parametrize(
    "arguments",
    [
        [],
        ["--new"],
        ["--lang", "nl"],
        ["--lang=fr", "--new"],
        ["--resume", "20261205-101500-ab12"],
        ["--clauses", "ours", "--clauses", "theirs"],
        ["--ne"],  # an abbreviation, as argparse allows
    ],
)
def test_the_chats_options_read_as_the_whole_parser_reads_them(arguments: list[str]) -> None:
    quick = chat_only(arguments)
    assert quick is not None
    assert vars(quick) == vars(build_parser().parse_args(arguments))


@pytest.mark.parametrize(
    "arguments",
    [["-h"], ["--help"], ["review", "policy.docx"], ["--new", "drafts"], ["--lang"], ["--bogus"], ["reveiw"]],
)
def test_help_commands_and_mistakes_go_to_the_whole_parser(arguments: list[str]) -> None:
    assert chat_only(arguments) is None


def test_a_mistake_is_still_worded_by_the_whole_parser(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stopped:
        main(["reveiw"])
    assert stopped.value.code == 2
    assert "invalid choice: 'reveiw'" in capsys.readouterr().err
