"""fetch -> lint -> diff -> write back; state store; scheduler (lands with the sync issue)."""
