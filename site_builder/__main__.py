"""`python -m site_builder` is the same program as `site-builder`."""

import sys

from site_builder.cli import main

sys.exit(main())
