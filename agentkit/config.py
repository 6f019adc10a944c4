"""Per-request limits that every model loop respects."""

from __future__ import annotations

from dataclasses import dataclass

from agentkit.errors import ConfigError

__all__ = ["Budget"]


@dataclass(frozen=True, kw_only=True)
class Budget:
    """How much model work one request may use.

    Every loop that calls a model (translate → tool → re-ask, answer → validate →
    re-ask) stops when any limit is reached; the answer then says so.

    Attributes:
        model_calls: foundation-model calls, retries and re-asks included.
        tokens: input plus output tokens over all calls.
        seconds: wall time of the request.
        translations: attempts at "the model translates, a tool executes" per step.
        reasks: times a model answer with failed claims is sent back to the model.
    """

    model_calls: int = 6
    tokens: int = 16_000
    seconds: float = 120.0
    translations: int = 2
    reasks: int = 1

    def __post_init__(self) -> None:
        for name in ("model_calls", "tokens", "translations", "reasks"):
            if getattr(self, name) < 0:
                raise ConfigError(f"Budget.{name} must be >= 0, got {getattr(self, name)!r}")
        if self.seconds <= 0:
            raise ConfigError(f"Budget.seconds must be > 0, got {self.seconds!r}")

    def allows(self, *, fm_calls: int, tokens: int, deadline: float, now: float) -> str | None:
        """Why another model call is not allowed, or ``None`` when it is."""
        if fm_calls >= self.model_calls:
            return f"the request's budget of {self.model_calls} model calls is used up"
        if tokens >= self.tokens:
            return f"the request's budget of {self.tokens} tokens is used up"
        if now >= deadline:
            return f"the request's time budget of {self.seconds:g} s is used up"
        return None
