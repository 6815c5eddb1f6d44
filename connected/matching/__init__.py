"""Matching: ranked, explained suggestions of activities for one person (issue 15)."""
