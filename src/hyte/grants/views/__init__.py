"""The grants pages: the calls of a municipality or county, and an NGO's applications."""
