"""Befriending: volunteers matched to people, calls and visits kept going, worries raised fast (issue 22)."""
