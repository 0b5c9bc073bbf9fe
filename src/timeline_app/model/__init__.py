"""The Qt-free model: dates, events, documents, loading, validation, queries and layout."""
