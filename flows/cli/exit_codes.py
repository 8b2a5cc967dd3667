"""The `newsnorm` command's exit statuses."""

EXIT_OK = 0
EXIT_ERROR = 1  # the work failed: a warehouse problem, a server that did not start
EXIT_USAGE = 2  # a bad argument (argparse uses 2 as well)
EXIT_REJECTS = 3  # `ingest --fail-on-reject` and some input was rejected
EXIT_INTERRUPTED = 130  # Ctrl-C, as a shell reports SIGINT
