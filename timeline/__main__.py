"""``python -m timeline``: the command line (:mod:`timeline.cli`)."""
import sys

from timeline.cli import main

sys.exit(main())
