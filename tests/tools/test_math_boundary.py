"""sympy's failures on odd input are refusals of that input, not crashes: `_boundary` translates them."""

from __future__ import annotations

import doctest

import pytest
import sympy

from agentkit.tools.math import _boundary
from agentkit.tools.math._boundary import SympyFailure, guarded

x = sympy.Symbol("x")


def test_the_module_examples_hold() -> None:
    assert doctest.testmod(_boundary).failed == 0


@pytest.mark.parametrize("call", [
    lambda: sympy.Poly(x**2 - sympy.sqrt(2), x).count_roots(),  # DomainError: no sign counting over EX
    lambda: sympy.Poly(x**2 - sympy.pi, x).intervals(),  # DomainError: no root isolation over ZZ[pi]
])
def test_a_polynomial_domain_sympy_cannot_work_in_is_a_refusal(call) -> None:
    with pytest.raises(SympyFailure, match="sympy could not do this"):
        guarded(call)


def test_the_same_error_from_our_own_code_is_a_bug_and_passes_through() -> None:
    def ours() -> None:
        raise TypeError("a bug of ours")

    with pytest.raises(TypeError):
        guarded(ours)
