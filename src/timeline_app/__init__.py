"""timeline-app: see a fast-moving story's dated events on a zoomable timeline."""

__version__ = "0.1.0"
