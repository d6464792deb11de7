"""``python -m cleanpage.bench``: the ``cleanpage bench`` command on its own."""

import sys

from .cli import main

sys.exit(main())
