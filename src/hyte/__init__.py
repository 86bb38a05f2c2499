"""Hyte: welfare and health promotion for Finnish municipalities and wellbeing services counties."""

__version__ = "0.1.0"
