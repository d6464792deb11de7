"""``python -m cleanpage``: the ``cleanpage`` command."""

import sys

from .cli import main

sys.exit(main())
