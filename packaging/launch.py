"""The standalone build's entry point: the same command as ``timeline-app``."""

from timeline_app.cli import main

raise SystemExit(main())
