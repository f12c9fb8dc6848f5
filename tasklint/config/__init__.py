"""Settings from tasklint.toml and the environment; the column aliases of DESIGN §2.

Validated with pydantic; a bad file raises ConfigError with the key and the fix.
"""
