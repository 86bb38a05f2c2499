"""The survey pages, by concern: the list and a survey's page with its settings and definitions (`surveys.py`),
the import of results with its columns and preview (`imports.py`)."""
