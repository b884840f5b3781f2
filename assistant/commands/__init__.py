"""One module per subcommand, each with `register(subparsers)` (assistant.cli lists them). What a
command needs is imported by its handler: the command line starts without Textual, the clause library
or PyYAML unless the command uses them (benchmarks: command line)."""


class UsageError(Exception):
    """Bad input from the user: reported on one line, exit code 2."""
