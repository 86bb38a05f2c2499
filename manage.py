#!/usr/bin/env python
"""Django's manage.py; the `hyte` console command is the same entry point."""

import sys

from hyte.cli import main

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
