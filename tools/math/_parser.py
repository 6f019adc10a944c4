"""A tokenizer and grammar for math expressions that builds sympy objects directly.

User and model text never reaches ``eval``, ``sympify`` or ``parse_expr``: the
only names that can appear are single-letter symbols, a fixed table of
functions and constants, and functions the conversation has defined. Every
number and power is size-checked before sympy sees it, so no input can ask for
a ten-billion-digit integer.

    >>> parse("2^10 + 3/4")
    4099/4
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

import sympy
from agentkit.tools._limits import check_integer, check_power
from agentkit.tools.math._notation import ATOM, Node, binary, call, postfix, unary

from agentkit.errors import LimitExceeded, ToolInputError

__all__ = ["AmbiguousReading", "MathSyntaxError", "Parsed", "parse", "parse_relation", "spaced_products", "FUNCTIONS"]

MAX_TOKENS = 4000
MAX_DEPTH = 200
MAX_FACTORIAL = 5000


class MathSyntaxError(ToolInputError):
    """The text is not an expression this grammar accepts; ``position`` is a character offset."""

    def __init__(self, message: str, position: int | None = None) -> None:
        super().__init__(message)
        self.position = position


class AmbiguousReading(MathSyntaxError):
    """The text has more than one reading and no stated convention picks one; the message names them."""


def _root(x: sympy.Expr, n: sympy.Expr) -> sympy.Expr:
    return sympy.root(x, n)


def _factorial(x: sympy.Expr) -> sympy.Expr:
    if x.is_Integer:
        if x > MAX_FACTORIAL:
            raise LimitExceeded(f"factorial of {x} is too large (limit {MAX_FACTORIAL})")
        if x < 0:
            raise MathSyntaxError(f"factorial of a negative number ({x}) is undefined")
    elif x.is_number:
        raise MathSyntaxError(f"factorial needs a whole number, got {x}")
    return sympy.factorial(x)


def _double_factorial(x: sympy.Expr) -> sympy.Expr:
    """n!! = n × (n − 2) × ... down to 1 or 2: 5!! = 15 (not (5!)!, which is written so)."""
    if not x.is_Integer:
        raise MathSyntaxError(f"the double factorial needs a whole number, got {x}")
    if x > 2 * MAX_FACTORIAL:
        raise LimitExceeded(f"double factorial of {x} is too large (limit {2 * MAX_FACTORIAL})")
    if x < -1:
        raise MathSyntaxError(f"double factorial of {x} is undefined")
    return sympy.factorial2(x)


def _wrap(node: Node) -> str:
    return node.text if node.strength == ATOM else f"({node.text})"


def _log(x: sympy.Expr, base: sympy.Expr | None = None) -> sympy.Expr:
    return sympy.log(x) if base is None else sympy.log(x, base)


# name -> (callable, number of arguments it accepts)
FUNCTIONS: dict[str, tuple[Callable[..., sympy.Expr], tuple[int, ...]]] = {
    "sqrt": (sympy.sqrt, (1,)),
    "cbrt": (sympy.cbrt, (1,)),
    "root": (_root, (2,)),
    "exp": (sympy.exp, (1,)),
    "ln": (sympy.log, (1,)),
    "log": (_log, (1, 2)),
    "log10": (lambda x: sympy.log(x, 10), (1,)),
    "log2": (lambda x: sympy.log(x, 2), (1,)),
    "sin": (sympy.sin, (1,)),
    "cos": (sympy.cos, (1,)),
    "tan": (sympy.tan, (1,)),
    "cot": (sympy.cot, (1,)),
    "sec": (sympy.sec, (1,)),
    "csc": (sympy.csc, (1,)),
    "asin": (sympy.asin, (1,)),
    "acos": (sympy.acos, (1,)),
    "atan": (sympy.atan, (1,)),
    "arcsin": (sympy.asin, (1,)),
    "arccos": (sympy.acos, (1,)),
    "arctan": (sympy.atan, (1,)),
    "sinh": (sympy.sinh, (1,)),
    "cosh": (sympy.cosh, (1,)),
    "tanh": (sympy.tanh, (1,)),
    "abs": (sympy.Abs, (1,)),
    "factorial": (_factorial, (1,)),
    "floor": (sympy.floor, (1,)),
    "ceil": (sympy.ceiling, (1,)),
    "ceiling": (sympy.ceiling, (1,)),
}

# functions that may be applied to one letter without parentheses ("tan x"); see `_Parser._bare_argument`
_BARE = frozenset({"sin", "cos", "tan", "cot", "sec", "csc", "sinh", "cosh", "tanh", "ln", "log", "exp",
                   "arcsin", "arccos", "arctan", "asin", "acos", "atan"})

_AFTER_BARE = frozenset({")", "+", "-", ",", "=", "<", ">", "<=", ">=", "!=", "|"})

CONSTANTS: dict[str, sympy.Expr] = {
    "pi": sympy.pi,
    "π": sympy.pi,
    "oo": sympy.oo,
    "inf": sympy.oo,
    "infinity": sympy.oo,
    "∞": sympy.oo,
}

_TOKEN = re.compile(
    r"""
    (?P<ws>\s+)
  | (?P<num>\d+(?:\.\d*)?(?:[eE][+-]?\d+(?![A-Za-z]))?|\.\d+)
  | (?P<name>[A-Za-z_][A-Za-z0-9_]*|π|∞)
  | (?P<op>\*\*|!!|<=|>=|!=|==|[-+*/^(),=<>!%×·÷−–√∛²³|])
    """,
    re.VERBOSE,
)

_NORMALIZE = {"×": "*", "·": "*", "÷": "/", "−": "-", "–": "-", "^": "**", "==": "="}


@dataclass(frozen=True, slots=True)
class _Tok:
    kind: str  # "num" | "name" | "op" | "end"
    text: str
    pos: int
    space_before: bool


def _tokenize(text: str) -> list[_Tok]:
    tokens: list[_Tok] = []
    pos = 0
    space = False
    while pos < len(text):
        m = _TOKEN.match(text, pos)
        if m is None:
            raise MathSyntaxError(f"unexpected character {text[pos]!r}", pos)
        kind = m.lastgroup or ""
        if kind == "ws":
            space = True
        else:
            tok = m.group()
            tokens.append(_Tok(kind, _NORMALIZE.get(tok, tok), pos, space))
            space = False
            if len(tokens) > MAX_TOKENS:
                raise LimitExceeded(f"expression is too long (over {MAX_TOKENS} tokens)")
        pos = m.end()
    tokens.append(_Tok("end", "", len(text), space))
    return tokens


# a spaced one-letter word (an article) or the imaginary unit is never read as a factor after a space
_NOT_A_SPACED_FACTOR = frozenset({"a", "A", "i", "I"})


def spaced_products(text: str) -> str:
    """``text`` with the spaces that mean multiplication written as ``*``: ``x^2 sin x`` is ``x^2*sin(x)``.

    The convention, for the expression of a derivative, an integral or a limit (never arithmetic): a space is
    multiplication only between a complete factor (a number, a one-letter variable, ``)``, ``²``, ``³``) and
    what starts a factor: a function name (``2 cos x``, ``e^x sin x``) or a one-letter variable (``2 x cos x``,
    ``x e^x``). Never before a number (``2 x 3``: x may be a times sign), ``a`` (a word) or ``i`` (the unit),
    and a lone letter right after an exponent is ambiguous (``e^2 x``: e^(2x) or e^2·x?). A bare ``sin x``
    followed by such a product is ``sin(x)`` (``sin x cos x``). Text without such a space comes back as it was.

    >>> spaced_products("x^2 sin x")
    'x^2*sin x'
    """
    toks = _tokenize(text)

    def ends(tok: _Tok) -> bool:
        return tok.kind == "num" or tok.text in (")", "²", "³", "π", "pi") or (
            tok.kind == "name" and len(tok.text) == 1 and tok.text not in _NOT_A_SPACED_FACTOR)

    def starts(tok: _Tok) -> bool:
        return tok.space_before and tok.kind == "name" and (
            tok.text in FUNCTIONS or tok.text in ("π", "pi")
            or (len(tok.text) == 1 and tok.text not in _NOT_A_SPACED_FACTOR))

    products = {i for i in range(1, len(toks) - 1) if ends(toks[i - 1]) and starts(toks[i])}
    if not products:
        return text
    chunks = [text[tok.pos:nxt.pos] for tok, nxt in zip(toks, toks[1:])]  # each token with its trailing space
    chunks.insert(0, text[:toks[0].pos])
    for i in products:  # chunks[i] holds toks[i - 1]
        before = [t.text for t in toks[max(0, i - 3):i - 1]]
        if (before[-1:] == ["**"] or before[-2:] in (["**", "-"], ["**", "+"])) \
                and len(toks[i].text) == 1 and toks[i + 1].text != "**":
            raise AmbiguousReading(f"in {text.strip()!r}, is the letter after the exponent part of it or a "
                                   "factor? Write * or parentheses", toks[i].pos)
        chunks[i] = chunks[i].rstrip() + "*"
        if i >= 2 and toks[i - 2].text in _BARE and toks[i - 1].space_before and toks[i - 1].kind == "name":
            # "sin x cos x": the bare argument ends where the product starts
            chunks[i - 1] = chunks[i - 1].rstrip() + "("
            chunks[i] = chunks[i][:-1].rstrip() + ")*"
    return "".join(chunks)


@dataclass(frozen=True, kw_only=True)
class Parsed:
    """A parsed expression and what the parse saw on the way."""

    expr: sympy.Basic
    decimals: bool = False  # a decimal literal appeared: print results as decimals
    symbols: frozenset[str] = field(default_factory=frozenset)
    text: str = ""  # the expression in canonical notation: "10 − 2 × 3"
    notes: tuple[str, ...] = ()  # conventions the reading applied: "log without a base read as log₁₀"


# A user-defined function: parameter names and body.
FunctionDef = tuple[tuple[sympy.Symbol, ...], sympy.Expr]
# What every production returns: the value and its rendering.
_Value = tuple[sympy.Expr, Node]


class _Parser:
    # binding powers: higher binds tighter
    _INFIX = {"+": 10, "-": 10, "*": 20, "/": 20, "**": 40}

    def __init__(
        self,
        text: str,
        names: Mapping[str, sympy.Expr],
        functions: Mapping[str, FunctionDef],
        implicit: bool,
    ) -> None:
        self.text = text
        self.toks = _tokenize(text)
        self.i = 0
        self.names = names
        self.functions = functions
        self.implicit = implicit
        self.depth = 0
        self.decimals = False
        self.symbols: set[str] = set()
        self.notes: list[str] = []
        self.sympy_log = False
        self.bars = 0  # absolute-value bars open around the current position

    # -- helpers -------------------------------------------------------
    @property
    def tok(self) -> _Tok:
        return self.toks[self.i]

    def advance(self) -> _Tok:
        tok = self.toks[self.i]
        self.i += 1
        return tok

    def expect(self, text: str) -> None:
        if self.tok.text != text:
            raise self.error(f"expected {text!r}")
        self.i += 1

    def error(self, message: str) -> MathSyntaxError:
        tok = self.tok
        found = "end of text" if tok.kind == "end" else repr(tok.text)
        return MathSyntaxError(f"{message}, found {found} at position {tok.pos}", tok.pos)

    # -- grammar -------------------------------------------------------
    def expression(self, min_bp: int = 0) -> _Value:
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise LimitExceeded(f"expression is nested too deeply (over {MAX_DEPTH} levels)")
        left = self.prefix()
        last = None  # the last infix operator applied at this level
        while True:
            tok = self.tok
            op = tok.text if tok.kind == "op" else None
            if op in self._INFIX:
                bp = self._INFIX[op]
                if bp < min_bp or (bp == min_bp and op != "**"):
                    break
                self.advance()
                if op == "**":
                    # right associative; a unary minus may follow: 2**-3
                    right = self.expression(bp)
                    left = (_power(left[0], right[0]), binary("**", left[1], right[1]))
                else:
                    right = self.expression(bp + 1)
                    left = self._binary(op, left, right)
                last = op
            elif op in ("!", "!!", "²", "³") and not (op == "!" and self.toks[self.i + 1].text == "="):
                self.advance()
                if op == "!!" and self.tok.text in ("!", "!!") and not self.tok.space_before:
                    self._factorial_run(left[0], tok.pos)
                if op == "!!":
                    self.notes.append("double factorial")
                value = {"!": _factorial, "!!": _double_factorial}.get(op)
                expr = value(left[0]) if value else _power(left[0], sympy.Integer(2 if op == "²" else 3))
                left = (expr, postfix(left[1], op))
            elif op == "%" and self._percent_is_postfix():
                self.advance()
                left = (left[0] / 100, postfix(left[1], "%", percent=True))
            elif self.implicit and self._implicit_product_follows():
                bp = self._INFIX["*"]
                if bp < min_bp or bp == min_bp:
                    break
                if last == "/":
                    raise AmbiguousReading(
                        "implicit multiplication after a division is ambiguous: in a/b(c) or a/bx, is b(c) "
                        "the divisor (a ÷ (b × c)) or is a/b multiplied by c ((a ÷ b) × c)? Write the parentheses",
                        tok.pos)
                right = self.expression(bp + 1)
                left = (left[0] * right[0], binary("implicit", left[1], right[1]))
                last = "implicit"
            else:
                break
        self.depth -= 1
        return left

    def _factorial_run(self, value: sympy.Expr, pos: int) -> None:
        """Three or more ! in a row: a multifactorial or the factorial taken again and again; never guessed."""
        count = 2
        while self.tok.text in ("!", "!!") and not self.tok.space_before:
            count += len(self.advance().text)
        for _ in range(count):
            value = _factorial(value)  # the repeated reading past the limits says it is too large
        raise AmbiguousReading(f"{'!' * count} has two readings: the {count}-fold multifactorial or the factorial "
                               f"taken {count} times; write parentheses", pos)

    def _binary(self, op: str, left: _Value, right: _Value) -> _Value:
        """``a op b``; ``a + b%`` and ``a − b%`` take b% of a, the way a calculator's % key does."""
        if op in "+-" and right[1].percent and not left[1].percent:
            sign = "+" if op == "+" else "−"
            self.notes.append(f"calculator percent: a {sign} b% = a {sign} (b% of a)")
            change = left[0] * right[0]
            expr = left[0] + change if op == "+" else left[0] - change
        else:
            expr = _BINARY[op](left[0], right[0])
        return expr, binary(op, left[1], right[1])

    def _percent_is_postfix(self) -> bool:
        nxt = self.toks[self.i + 1]
        return nxt.kind == "end" or nxt.text in {")", ",", "+", "-", "*", "/", "="}

    def _implicit_product_follows(self) -> bool:
        """``2x``, ``3(x+1)``, ``(a+b)(a-b)``, ``2sqrt(2)``: juxtaposition without a space."""
        tok, prev = self.tok, self.toks[self.i - 1]
        if tok.space_before or tok.kind == "end":
            return False
        if prev.kind == "num":
            # "2|x|": a bar after a number opens an absolute value only outside every other one ("|x - 2|")
            return tok.kind == "name" or tok.text in ("(", "√", "∛") or (tok.text == "|" and not self.bars)
        if prev.text == ")":
            return tok.text == "(" or tok.kind == "name"
        return False

    def prefix(self) -> _Value:
        tok = self.advance()
        if tok.kind == "num":
            return self.number(tok), Node(tok.text)
        if tok.text in ("-", "+"):
            operand = self.expression(30)  # binds looser than ** : -x**2 == -(x**2)
            return (-operand[0] if tok.text == "-" else operand[0]), unary(tok.text, operand[1])
        if tok.text == "(":
            inner = self.expression(0)
            self.expect(")")
            return inner
        if tok.text == "|":
            # |x - 3|: a bar where an operand starts opens an absolute value; the first bar after it closes it
            self.bars += 1
            inner = self.expression(0)
            self.expect("|")
            self.bars -= 1
            return sympy.Abs(inner[0]), Node(f"|{inner[1].text}|")
        if tok.text in ("√", "∛"):
            operand = self.expression(50)
            if tok.text == "√":
                return sympy.sqrt(operand[0]), Node(f"√{_wrap(operand[1])}")
            return self._real_root(operand, 3)
        if tok.kind == "name":
            return self.name(tok)
        self.i -= 1
        raise self.error("expected a number, a name or '('")

    def _real_root(self, operand: _Value, n: int) -> _Value:
        """The real n-th root for odd n: ∛(−8) = −2, what people mean, not sympy's principal complex root."""
        x = operand[0]
        mark = "∛" if n == 3 else f"{n}√"
        if x.is_number and x.is_extended_real and x.is_negative and n % 2:
            self.notes.append("real cube root" if n == 3 else "real root")
            return -sympy.root(-x, n), Node(f"{mark}{_wrap(operand[1])}")
        return sympy.root(x, n), Node(f"{mark}{_wrap(operand[1])}")

    def number(self, tok: _Tok) -> sympy.Expr:
        text = tok.text
        if "." in text or "e" in text or "E" in text:
            self.decimals = True
            mantissa, _, exponent = text.lower().partition("e")
            if exponent and abs(int(exponent)) > 1000:
                raise LimitExceeded(f"exponent in {text!r} is too large")
            whole, _, frac = mantissa.partition(".")
            value = sympy.Rational(int((whole or "0") + frac), 10 ** len(frac))
            if exponent:
                value *= sympy.Rational(10) ** int(exponent)
            return value
        check_integer(text)
        return sympy.Integer(int(text))

    def name(self, tok: _Tok) -> _Value:
        name = tok.text
        following = self.tok
        call_follows = following.text == "(" and not following.space_before
        if name in self.functions and call_follows:
            return self.call_defined(name)
        if name in FUNCTIONS and call_follows:
            return self.call_builtin(name)
        if name in FUNCTIONS and name == "sqrt" and following.kind in ("num", "name"):
            operand = self.expression(50)
            return sympy.sqrt(operand[0]), Node(f"√{_wrap(operand[1])}")
        if name in _BARE and self._bare_argument():
            # "tan x", "(1 - cos x)/x^2": a function of one letter without parentheses
            argument = self.advance()
            values = [sympy.Symbol(argument.text)]
            self.symbols.add(argument.text)
            if name == "log":
                raise AmbiguousReading("log without a base of an expression: ln (natural) or log₁₀? "
                                       "Write ln(...) or log10(...)")
            return FUNCTIONS[name][0](*values), call(name, [Node(argument.text)])
        if name in self.names:
            return self.names[name], Node(name)
        if name in CONSTANTS:
            return CONSTANTS[name], Node({"pi": "π", "inf": "∞", "infinity": "∞", "oo": "∞"}.get(name, name))
        if len(name) == 1:
            if call_follows:
                self.i -= 1
                raise MathSyntaxError(f"{name!r} is not a defined function", tok.pos)
            self.symbols.add(name)
            return sympy.Symbol(name), Node(name)
        if name in FUNCTIONS:
            raise MathSyntaxError(f"function {name!r} needs parentheses", tok.pos)
        raise MathSyntaxError(f"unknown name {name!r}", tok.pos)

    def _bare_argument(self) -> bool:
        """Whether one letter follows, with a space, and nothing after it could extend the argument.

        Only a sum, a closing bracket, a comma or a relation may follow: ``sin x^2`` (sin(x²) or (sin x)²?),
        ``sin x/x``, ``sin 2x`` and ``sin x cos x`` are not read; ``sin 30`` is not either (radians or degrees?).
        """
        argument, after = self.tok, self.toks[self.i + 1]
        if not (argument.space_before and argument.kind == "name" and len(argument.text) == 1):
            return False
        if argument.text in self.names or argument.text in self.functions:
            return False
        return after.kind == "end" or after.text in _AFTER_BARE

    def arguments(self) -> list[_Value]:
        self.expect("(")
        args = [self.expression(0)]
        while self.tok.text == ",":
            self.advance()
            args.append(self.expression(0))
        self.expect(")")
        return args

    def call_builtin(self, name: str) -> _Value:
        fn, arities = FUNCTIONS[name]
        args = self.arguments()
        if len(args) not in arities:
            raise MathSyntaxError(f"{name}() takes {' or '.join(map(str, arities))} argument(s), got {len(args)}")
        values = [a[0] for a in args]
        if name == "cbrt":
            return self._real_root(args[0], 3)
        if name == "root" and values[1].is_Integer and values[1] % 2 == 1:
            return self._real_root(args[0], int(values[1]))
        if name == "log" and len(args) == 1 and self.sympy_log:
            return sympy.log(values[0]), call("ln", [args[0][1]])
        if name == "log" and len(args) == 1:
            if not (values[0].is_number and not values[0].free_symbols):
                raise AmbiguousReading("log without a base of an expression: ln (natural) or log₁₀? "
                                      "Write ln(...) or log10(...)")
            self.notes.append("log base 10")
            return sympy.log(values[0], 10), call("log₁₀", [args[0][1]])
        if name == "sqrt":
            return fn(*values), Node(f"√{_wrap(args[0][1])}")
        shown = {"log10": "log₁₀", "log2": "log₂"}.get(name, name)
        return fn(*values), call(shown, [a[1] for a in args])

    def call_defined(self, name: str) -> _Value:
        params, body = self.functions[name]
        args = self.arguments()
        if len(args) != len(params):
            raise MathSyntaxError(f"{name}() takes {len(params)} argument(s), got {len(args)}")
        return body.xreplace(dict(zip(params, [a[0] for a in args]))), call(name, [a[1] for a in args])


def _power(base: sympy.Expr, exponent: sympy.Expr) -> sympy.Expr:
    check_power(base, exponent)
    if (base.is_number and base.is_extended_real and base.is_negative and exponent.is_Rational
            and not exponent.is_Integer):
        raise AmbiguousReading(f"({base})^({exponent}) has two readings: the real root or the principal complex "
                              "root; write cbrt(...) or root(x, n) for the real root")
    return sympy.Pow(base, exponent)


def _divide(a: sympy.Expr, b: sympy.Expr) -> sympy.Expr:
    if b == 0:
        raise MathSyntaxError("division by zero")
    return a / b


_BINARY: dict[str, Callable[[sympy.Expr, sympy.Expr], sympy.Expr]] = {
    "+": lambda a, b: a + b,
    "-": lambda a, b: a - b,
    "*": lambda a, b: a * b,
    "/": _divide,
}


def _run(
    text: str,
    names: Mapping[str, sympy.Expr] | None,
    functions: Mapping[str, FunctionDef] | None,
    implicit: bool,
    notation: str = "person",
) -> tuple[_Parser, _Value]:
    parser = _Parser(text, names or {}, functions or {}, implicit)
    parser.sympy_log = notation == "sympy"
    try:
        expr = parser.expression(0)
    except RecursionError as exc:
        raise LimitExceeded("expression is nested too deeply") from exc
    return parser, expr


def parse(
    text: str,
    *,
    names: Mapping[str, sympy.Expr] | None = None,
    functions: Mapping[str, FunctionDef] | None = None,
    implicit: bool = True,
    notation: str = "person",
) -> Parsed:
    """Parse the whole of ``text`` as one expression.

    Args:
        text: the expression, e.g. ``"-3*x**2 + 1/2"``.
        names: values bound to names by earlier steps (``Let f = 3 - 1``).
        functions: functions defined by earlier steps (``Let h(q) = q**2 - 3``).
        implicit: accept juxtaposition without a space as multiplication (``2x``).
        notation: ``"person"`` reads what people write (``log`` without a base is log₁₀ of a number and
            ambiguous of an expression); ``"sympy"`` reads sympy's own output, where ``log`` is natural.

    Raises:
        MathSyntaxError: the text is not (only) an expression.
        LimitExceeded: the expression is too large to compute safely.
    """
    parser, (expr, node) = _run(text, names, functions, implicit, notation)
    if parser.tok.kind != "end":
        raise parser.error("unexpected text after the expression")
    return Parsed(expr=expr, decimals=parser.decimals, symbols=frozenset(parser.symbols), text=node.text,
                  notes=tuple(dict.fromkeys(parser.notes)))


_RELATIONS = {"=": sympy.Eq, "<": sympy.Lt, ">": sympy.Gt, "<=": sympy.Le, ">=": sympy.Ge, "!=": sympy.Ne}


def parse_relation(
    text: str,
    *,
    names: Mapping[str, sympy.Expr] | None = None,
    functions: Mapping[str, FunctionDef] | None = None,
) -> tuple[str, Parsed, Parsed]:
    """Parse ``lhs <op> rhs`` where op is one of ``= < > <= >= !=``; returns (op, lhs, rhs)."""
    parser, (lhs, left) = _run(text, names, functions, True)
    op = parser.tok.text
    if op not in _RELATIONS or parser.tok.kind != "op":
        raise parser.error("expected a relation such as '='")
    parser.advance()
    before = parser.decimals
    rhs, right = parser.expression(0)
    if parser.tok.kind != "end":
        raise parser.error("unexpected text after the relation")
    symbols, notes = frozenset(parser.symbols), tuple(dict.fromkeys(parser.notes))
    return (
        op,
        Parsed(expr=lhs, decimals=before, symbols=symbols, text=left.text, notes=notes),
        Parsed(expr=rhs, decimals=parser.decimals, symbols=symbols, text=right.text, notes=notes),
    )
