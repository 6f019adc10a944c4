"""Check what model-written text claims: find every claim a tool family can re-check, re-check it, repair or re-ask.

    >>> report = check("She sells 16 - 3 - 4 = 9 eggs, so she makes 9 * $2 = $19.")
    >>> [(c.text, c.ok) for c in report.claims]
    [('16 - 3 - 4 = 9', True), ('9 * $2 = $19', False)]
    >>> repair(report.text, report)
    'She sells 16 - 3 - 4 = 9 eggs, so she makes 9 * $2 = $18 [corrected from 19].'

Each family of the registry that has ``find_claims`` finds its own claims and judges them with its
``check`` (`judge`); the final answer is checked when a family answers the question (`answer`);
tolerance follows the words, by the rules of `agentkit.tools.tolerance`, for every family alike.
"""

from __future__ import annotations

from agentkit.claims.judge import MAX_TEXT_CHARS, check
from agentkit.claims.repair import reask_message, repair
from agentkit.claims.report import CheckedClaim, Report
from agentkit.tools.tolerance import APPROX_TOLERANCE

__all__ = ["APPROX_TOLERANCE", "MAX_TEXT_CHARS", "CheckedClaim", "Report", "check", "reask_message", "repair"]
