"""The rules: pure functions of `Task` rows and a `Context` (today, locale, history).

One module per rule family (goals, owners, metrics, schedule, budget, review, cells);
`registry` lists them, `engine.lint` runs them. Never network, never a connector.
"""
