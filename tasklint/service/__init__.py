"""`tasklint serve`: the nightly service around the sync engine.

Owns what the `schedule` package lacks for a dependable service — the slot arithmetic
(pure functions, DST-correct), a run ledger and leases in the state store, retries,
signals, health and metrics, JSON-lines logs. It calls the sync engine; it must not
reach into connectors beyond opening them, and never reads or logs a token.

    slots.py    when a slot is, which slot is due, what to do about it (pure)
    runner.py   one source for one slot: lease, ledger, sync, retry bookkeeping
    loop.py     the schedule-driven loop, --once, signals and the worker thread
    health.py   /healthz, /livez and /metrics on a stdlib HTTP server
    logs.py     one event a line: JSON when stderr is not a terminal
"""
