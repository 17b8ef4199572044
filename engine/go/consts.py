"""Constant evaluation: the integer value of a Go constant expression, through local and
package-level constants, conversions and ``math`` limits."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Protocol

from gomend.engine.go.imports import ImportTable
from gomend.engine.go.parse import Node
from gomend.engine.go.query import node_text, unparen


class ConstFile(Protocol):
    """What evaluating a constant asks of the file it is in (``engine.go.file.GoFile``)."""

    @property
    def source(self) -> bytes: ...

    @property
    def imports(self) -> ImportTable: ...

    def is_shadowed(self, name: str, node: Node) -> bool: ...

    def local_const(self, name: str, at: Node) -> Node | None: ...

    def package_const(self, name: str) -> tuple[Node, ConstFile] | None: ...


# --- constants --------------------------------------------------------------------------------

MAX_INT64 = (1 << 63) - 1
_MATH_CONSTS = {
    "MaxInt64": MAX_INT64,
    "MaxInt": MAX_INT64,
    "MaxInt32": (1 << 31) - 1,
    "MinInt64": -(1 << 63),
    "MaxUint32": (1 << 32) - 1,
}
_INT_TYPES = {
    "int", "int8", "int16", "int32", "int64",
    "uint", "uint8", "uint16", "uint32", "uint64", "uintptr", "byte", "rune",
}  # fmt: skip


def parse_int_literal(text: str) -> int | None:
    t = text.replace("_", "").lower()
    try:
        if len(t) > 1 and t[0] == "0" and t[1].isdigit():
            return int(t[1:], 8)
        return int(t, 0)
    except ValueError:
        return None


def parse_integral_float(text: str) -> int | None:
    """The value of a decimal float literal such as ``1e9`` when it is a whole number."""
    t = text.replace("_", "").lower()
    if t.startswith("0x"):
        return None  # hexadecimal floats (0x1p-2) are rare; not evaluated
    try:
        value = Decimal(t)
    except InvalidOperation:
        return None
    if not value.is_finite() or value != value.to_integral_value() or abs(value) > 1 << 128:
        return None
    return int(value)


def const_value(node: Node, file: ConstFile, depth: int = 0) -> int | None:
    """The integer value of a constant expression, or None when it is not one we can evaluate."""
    if depth > 32:
        return None
    node = unparen(node)
    t = node.type
    if t == "int_literal":
        return parse_int_literal(node_text(node, file.source))
    if t == "float_literal":  # 1e9 and 2.5e8 are integer constants too
        return parse_integral_float(node_text(node, file.source))
    if t == "unary_expression":
        op = node.child_by_field_name("operator")
        val = const_value(node.child_by_field_name("operand") or node, file, depth + 1)
        if val is None or op is None:
            return None
        sym = node_text(op, file.source)
        return {"-": -val, "+": val, "^": ~val}.get(sym)
    if t == "binary_expression":
        left = node.child_by_field_name("left")
        right = node.child_by_field_name("right")
        op = node.child_by_field_name("operator")
        if left is None or right is None or op is None:
            return None
        a = const_value(left, file, depth + 1)
        b = const_value(right, file, depth + 1)
        if a is None or b is None:
            return None
        return _binary(node_text(op, file.source), a, b)
    if t == "identifier":
        name = node_text(node, file.source)
        if file.is_shadowed(name, node):
            local = file.local_const(name, node)
            return const_value(local, file, depth + 1) if local is not None else None
        expr = file.package_const(name)
        return const_value(expr[0], expr[1], depth + 1) if expr is not None else None
    if t == "selector_expression" and selector_matches_any_math(node, file):
        field = node.child_by_field_name("field")
        return _MATH_CONSTS.get(node_text(field, file.source)) if field is not None else None
    if t == "call_expression":  # a conversion such as int64(50 << 20)
        fn = node.child_by_field_name("function")
        args = node.child_by_field_name("arguments")
        if fn is not None and args is not None and node_text(fn, file.source) in _INT_TYPES:
            if args.named_child_count == 1:
                return const_value(args.named_children[0], file, depth + 1)
    return None


def selector_matches_any_math(node: Node, file: ConstFile) -> bool:
    operand = node.child_by_field_name("operand")
    return operand is not None and file.imports.path_of(node_text(operand, file.source)) == "math"


def _binary(op: str, a: int, b: int) -> int | None:
    if op == "+":
        return a + b
    if op == "-":
        return a - b
    if op == "*":
        return a * b
    if op == "/":
        return None if b == 0 else int(a / b)  # Go truncates toward zero
    if op == "%":
        return None if b == 0 else a - b * int(a / b)
    if op == "<<":
        return a << b if 0 <= b < 512 else None
    if op == ">>":
        return a >> b if b >= 0 else None
    if op == "|":
        return a | b
    if op == "&":
        return a & b
    if op == "^":
        return a ^ b
    return None
