"""One module per subcommand. Each defines `register(subparsers)`; heavy imports stay inside handlers."""
