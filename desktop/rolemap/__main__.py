"""`python -m rolemap`: the same as the `rolemap` command."""

from rolemap.app import main

raise SystemExit(main())
