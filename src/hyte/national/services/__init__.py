"""Every write of the national view: survey rounds and their questions (`rounds.py`), the organisations' answers
(`answers.py`). The reminders before a round closes are in `national/reminders.py`."""

from hyte.national.services.answers import save_answer
from hyte.national.services.rounds import add_question, close_round, create_round, open_round, remove_question

__all__ = ["add_question", "close_round", "create_round", "open_round", "remove_question", "save_answer"]
