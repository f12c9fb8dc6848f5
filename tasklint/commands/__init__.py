"""Command-line commands that live apart from cli.py (each module has `register(app)`).

Reuse `tasklint.cli.out()`, `tasklint.cli.err()`, `tasklint.cli._fail` and `_parse_day`
(import them inside `register`, where cli is fully loaded).
"""
