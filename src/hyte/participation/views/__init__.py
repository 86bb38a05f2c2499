"""Pages of participation: the coordinator's (`manage.py`, `moderation.py`) and the public site's (`public.py`)."""
