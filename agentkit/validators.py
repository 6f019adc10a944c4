"""Former home of the claim checks, kept while the graph and the command line still import it: see `agentkit.claims`."""

from __future__ import annotations

from agentkit.claims import APPROX_TOLERANCE, CheckedClaim, Report, check, reask_message, repair

__all__ = ["APPROX_TOLERANCE", "CheckedClaim", "Report", "check", "reask_message", "repair"]
