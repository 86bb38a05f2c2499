#!/usr/bin/env python
"""Django's manage.py; the `hyte` console command is the same entry point."""

import os
import sys

from hyte.cli import main

if __name__ == "__main__":
    # manage.py is the developer's tool in a checkout: it defaults to development settings. Servers use the
    # installed `hyte` command, which keeps refusing to start without a safe production configuration.
    os.environ.setdefault("DEBUG", "true")
    sys.exit(main(sys.argv[1:]))
