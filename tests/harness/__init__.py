"""A differential harness: random formal requests, an independent oracle, many English phrasings, one reading each."""
