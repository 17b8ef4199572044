"""Import edits: adding the imports a fix needs and dropping those it left unused, gofmt-style.

The runner calls ``drop_unused_imports`` and then ``ensure_imports`` on a file's rewritten
text, with the paths its fixes listed in ``Fix.drop_imports`` and ``Fix.add_imports``.
"""

from __future__ import annotations

from collections.abc import Iterable

from gomend.engine.go.edits import Edit, apply_edits, line_end, line_start, next_line_start
from gomend.engine.go.imports import ImportSpec, ImportTable
from gomend.engine.go.parse import Node, Tree, parse
from gomend.engine.go.query import node_text, walk
from gomend.engine.go.stdlib_exports import exported_names


def _is_std(path: str) -> bool:
    return "." not in path.split("/")[0]


def _spec_line(spec: ImportSpec, source: bytes) -> bytes:
    return source[spec.spec.start_byte : spec.spec.end_byte]


def ensure_imports(
    source: bytes, paths: Iterable[str], crlf: bool = False, tree: Tree | None = None
) -> bytes:
    """Import every path not yet imported (under any name but ``_``), in gofmt order.
    ``tree``, when given, is the parse of ``source``; it is parsed otherwise."""
    wanted = set(paths)
    if not wanted:
        return source
    tree = parse(source) if tree is None else tree
    table = ImportTable(tree, source)
    missing = sorted({p for p in wanted if not table.imports(p)})
    if not missing:
        return source
    edits: list[Edit] = []
    # import "C" keeps its own declaration: its preamble comment belongs to it alone
    plain = [
        d for d in table.decls if not any(s.decl == d and s.kind == "cgo" for s in table.specs)
    ]
    block = next((d for d in plain if _has_parens(d, source)), None)
    if block is not None:
        edits.extend(_add_to_block(block, table, source, missing))
    elif plain:
        first = plain[0]
        specs = [s for s in table.specs if s.decl == first]
        lines = [(s.path, _spec_line(s, source).decode()) for s in specs]
        lines += [(p, f'"{p}"') for p in missing]
        std = sorted(line for line in lines if _is_std(line[0]))
        other = sorted(line for line in lines if not _is_std(line[0]))
        groups = [g for g in (std, other) if g]
        body = "\n\n".join("\n".join("\t" + text for _, text in g) for g in groups)
        edits.append(Edit(first.start_byte, first.end_byte, f"import (\n{body}\n)"))
    else:
        if table.decls:
            anchor = table.decls[-1].end_byte
        else:
            pkg = next(n for n in tree.root_node.named_children if n.type == "package_clause")
            anchor = pkg.end_byte
        end = line_end(source, anchor)
        if len(missing) == 1:
            text = f'\n\nimport "{missing[0]}"'
        else:
            text = "\n\nimport (\n" + "".join(f'\t"{p}"\n' for p in missing) + ")"
        edits.append(Edit(end, end, text))
    return apply_edits(source, edits, crlf=crlf)


def _has_parens(decl: Node, source: bytes) -> bool:
    return b"(" in source[decl.start_byte : decl.start_byte + 16].split(b'"')[0]


def _groups(block: Node, table: ImportTable, source: bytes) -> list[list[ImportSpec]]:
    specs = [s for s in table.specs if s.decl == block]
    groups: list[list[ImportSpec]] = []
    prev_end: int | None = None
    for spec in specs:
        gap = source[prev_end : spec.spec.start_byte] if prev_end is not None else b""
        if prev_end is None or gap.count(b"\n") > 1:
            groups.append([])
        groups[-1].append(spec)
        prev_end = spec.spec.end_byte
    return groups


def _add_to_block(block: Node, table: ImportTable, source: bytes, missing: list[str]) -> list[Edit]:
    groups = _groups(block, table, source)
    inserts: dict[int, list[str]] = {}
    new_group: list[str] = []
    for path in missing:
        group = next(
            (g for g in groups if all(_is_std(s.path) == _is_std(path) for s in g)),
            None,
        )
        if group is None and not groups:
            new_group.append(path)
            continue
        if group is None:
            group = groups[0] if _is_std(path) else groups[-1]
        # gofmt puts "p" before _ "p" or x "p": the plain spec has the smallest name
        after = [s for s in group if s.path >= path]
        if after:
            pos = line_start(source, after[0].spec.start_byte)
            inserts.setdefault(pos, []).append(f'\t"{path}"\n')
        else:
            pos = next_line_start(source, group[-1].spec.end_byte)
            inserts.setdefault(pos, []).append(f'\t"{path}"\n')
    edits = [Edit(pos, pos, "".join(sorted(texts))) for pos, texts in inserts.items()]
    if new_group:
        pos = next_line_start(source, block.start_byte)
        edits.append(Edit(pos, pos, "".join(f'\t"{p}"\n' for p in new_group)))
    return edits


def _uses_of(local: str, tree: Tree, source: bytes) -> int:
    count = 0
    for node in walk(tree.root_node, ("selector_expression", "qualified_type")):
        operand = node.child_by_field_name("operand") or node.child_by_field_name("package")
        if operand is not None and node_text(operand, source) == local:
            count += 1
    return count


def _dot_import_used(path: str, tree: Tree, source: bytes) -> bool:
    exported = exported_names(path)  # None: not a standard-library package, never dropped
    if exported is None:
        return True
    for node in walk(tree.root_node, ("identifier", "type_identifier")):
        parent = node.parent
        if parent is not None and parent.type == "selector_expression":
            if parent.child_by_field_name("field") == node:
                continue
        if node_text(node, source) in exported:
            return True
    return False


def drop_unused_imports(
    source: bytes, paths: Iterable[str], crlf: bool = False, tree: Tree | None = None
) -> bytes:
    """Remove the imports of ``paths`` whose name has no use left in the file. ``tree``,
    when given, is the parse of ``source``; it is parsed otherwise."""
    wanted = set(paths)
    if not wanted:
        return source
    tree = parse(source) if tree is None else tree
    table = ImportTable(tree, source)
    dead: list[ImportSpec] = []
    for spec in table.specs:
        if spec.path not in wanted:
            continue
        if (
            spec.kind in ("default", "alias")
            and spec.local
            and _uses_of(spec.local, tree, source) == 0
        ) or (spec.kind == "dot" and not _dot_import_used(spec.path, tree, source)):
            dead.append(spec)
    if not dead:
        return source
    edits: list[Edit] = []
    for decl in table.decls:
        in_decl = [s for s in table.specs if s.decl == decl]
        gone = [s for s in dead if s.decl == decl]
        if not gone:
            continue
        if len(gone) == len(in_decl):
            edits.append(_delete_lines(decl.start_byte, decl.end_byte, source))
            continue
        kept = [s for s in in_decl if s not in gone]
        text = source[decl.start_byte : decl.end_byte]
        if len(kept) == 1 and _has_parens(decl, source) and b"//" not in text and b"/*" not in text:
            # one import left in parentheses: written as a Go engineer would, on one line
            edits.append(
                Edit(decl.start_byte, decl.end_byte, b"import " + _spec_line(kept[0], source))
            )
        else:
            edits.extend(_delete_lines(s.spec.start_byte, s.spec.end_byte, source) for s in gone)
    return apply_edits(source, edits, crlf=crlf)


def _delete_lines(start: int, end: int, source: bytes) -> Edit:
    """Delete whole lines from the one holding ``start`` to the one holding ``end``,
    and one of two blank lines this would bring together."""
    a = line_start(source, start)
    b = next_line_start(source, end)
    prev_text = source[line_start(source, a - 1) : a].strip() if a > 0 else b""
    prev_blank = a > 0 and not prev_text
    next_text = source[b : line_end(source, b)].strip() if b < len(source) else b"x"
    if (prev_blank or a == 0 or prev_text.endswith(b"(")) and not next_text and b < len(source):
        b = next_line_start(source, b)  # no blank pair, no blank line opening a block
    elif prev_blank and (next_text == b")" or b >= len(source)):
        a = line_start(source, a - 1)  # no blank line closing a block or ending the file
    return Edit(a, b, b"")


def delete_import(spec_node: Node, table: ImportTable, source: bytes) -> Edit | None:
    """The edit that deletes one import spec (a blank import a fix retires): its whole
    declaration when it is the only spec there, else its own lines. None when the spec
    shares a line with another."""
    found = next((s for s in table.specs if s.spec == spec_node), None)
    if found is None:
        return None
    in_decl = [s for s in table.specs if s.decl == found.decl]
    if len(in_decl) == 1:
        return _delete_lines(found.decl.start_byte, found.decl.end_byte, source)
    for other in in_decl:
        if other is not found and (
            line_start(source, other.spec.start_byte) == line_start(source, spec_node.start_byte)
        ):
            return None
    return _delete_lines(spec_node.start_byte, spec_node.end_byte, source)
