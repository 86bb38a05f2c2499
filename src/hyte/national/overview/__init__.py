"""All of Finland side by side: every current municipality and county, in Hyte or not (`rows.py`), filtered and
sorted (`filters.py`), exported (`exports.py`)."""

# The public overview's languages and its open data files (the view serves them; the static export writes them).
LANGUAGES = ("fi", "sv", "en")
OPEN_DATA_FILES = ("finland.json", "finland.csv")
