"""The `newsnorm` command's exit statuses (README, Command line, lists them)."""

EXIT_OK = 0
EXIT_ERROR = 1  # the work failed: a warehouse problem, a server that did not start
EXIT_USAGE = 2  # a mistake on the command line (argparse uses 2 as well)
EXIT_REJECTS = 3  # `ingest --fail-on-reject` and some input was rejected
# `ingest`: every batch committed, but a step after them failed (story linking, learning
# boilerplate, compaction, the search index); the summary line and `newsnorm status` say
# which, and the next run redoes it. `reprocess`: the same for its linking and learning.
# `forget`: committed, but the search index could neither be refreshed nor deleted.
EXIT_PARTIAL = 4
EXIT_INTERRUPTED = 130  # Ctrl-C, as a shell reports SIGINT; for `ingest`, run cancelled
# The reader of our output went away (`newsnorm query … | head`): as a shell reports SIGPIPE.
EXIT_BROKEN_PIPE = 141
