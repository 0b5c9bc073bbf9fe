"""Reading and writing timeline files: Qt-free, and the only place that knows their text."""
