"""The cooperation's signed-in pages, under the address of the organisation through which one looks
(`/o/<slug>/cooperation/…`): a county sees the series it convenes, a municipality or an NGO those it is invited
to. Thin: each parses its input, calls one query or service and renders."""
