"""One module per `timeline` subcommand; see `timeline.cli.COMMANDS`."""
