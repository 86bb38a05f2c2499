"""Imports into the register of actors and activities, from spreadsheets (CSV, XLSX), Open Referral HSDS JSON
and the Linked Events API.

Each format's reader (sheet.py, hsds.py, events.py) turns its file into `RowIn`s: one activity per row as the
source says it, with its provider and its key in the source. files.py refuses, whole, a file that is cut,
garbled, in an unknown encoding or not what it claims; reading.py refuses an ambiguous one (one id on two rows).
plan.py decides, without writing, what each row would do (create, update, unchanged, or rejected with every
reason), checking the rows against the register with the same rules the services use (validation.py) and the
permission resolver; services.py carries the plan out through the register's own services, audited, in one
transaction.
"""
