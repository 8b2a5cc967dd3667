"""`python -m newsnorm.flows.cli`: the `newsnorm` command."""

import sys

from newsnorm.flows.cli.app import main

sys.exit(main())
