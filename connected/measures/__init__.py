"""Measures: loneliness and wellbeing instruments as data, exact scoring, and change.

Public surface for other modules (casework, evidence):
- registry.get(code) / registry.all() / registry.ordered(codes) / registry.DEFAULT_SCHEME_SET
- scoring.validate / scoring.score (pure; no database)
- services.response_record / services.response_set_record (validated, scored, atomic)
- forms.bind_set + templates measures/_instrument_set.jinja (error_summary, instrument_questions)
- links.invitation_path: a signed link a person uses to answer a set themselves
- presenters.subject_series / subject_change / series_chart / group_summary, and
  templates measures/_chart.jinja (line_chart: SVG with its numbers in a table)
- change.person_change / group_change (reliable change, paired 95% CI)
"""
