"""Entry script for the frozen build."""

import sys

from app.cli import main

sys.exit(main())
