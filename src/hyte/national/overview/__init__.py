"""All of Finland side by side: every current municipality and county, in Hyte or not (`rows.py`), filtered and
sorted (`filters.py`), exported (`exports.py`)."""
