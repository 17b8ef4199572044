"""Zero values of Go types as source text: the ``return`` a function adds before its error."""

from __future__ import annotations

from gomend.engine.go.file import GoFile
from gomend.engine.go.parse import Node

ZERO = {"error": "nil", "any": "nil", "string": '""', "bool": "false"}
NUMERIC = {
    "int", "int8", "int16", "int32", "int64", "uint", "uint8", "uint16", "uint32", "uint64",
    "uintptr", "byte", "rune", "float32", "float64",
}  # fmt: skip
NIL_TYPES = (
    "pointer_type", "slice_type", "map_type", "channel_type", "function_type", "interface_type",
)  # fmt: skip


def result_zero_values(results: Node, file: GoFile) -> list[str] | None:
    """Zero values for every result but a last ``error``; None when gomend cannot spell one."""
    types: list[Node] = []
    if results.type == "parameter_list":
        for decl in results.named_children:
            if decl.type != "parameter_declaration":
                continue
            typ = decl.child_by_field_name("type")
            if typ is None:
                return None
            types.extend([typ] * max(1, len(decl.children_by_field_name("name"))))
    else:
        types = [results]
    if not types or file.text(types[-1]) != "error":
        return None
    zeros = []
    for typ in types[:-1]:
        text = file.text(typ)
        if typ.type in NIL_TYPES or text in ("error", "any"):
            zeros.append("nil")
        elif text in NUMERIC:
            zeros.append("0")
        elif text in ZERO:
            zeros.append(ZERO[text])
        else:
            return None
    return zeros
