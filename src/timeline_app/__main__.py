"""``python -m timeline_app`` does what the ``timeline-app`` command does."""

from timeline_app.cli import main

raise SystemExit(main())
