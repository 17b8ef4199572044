"""Generates ``stdlib_exports.json`` (read by ``engine.go.stdlib_exports``) from the Go
toolchain: ``go list std`` names the packages and the files a default build compiles, and a
small Go program run with ``go run`` reads their exported top-level names with go/parser.
Which files a build compiles depends on GOOS, GOARCH and CGO_ENABLED: the data records them,
and regenerating keeps them, whatever machine it runs on.

    python -m gomend.engine.go.stdlib_generate
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from typing import Any

from gomend.engine.go.stdlib_exports import DATA
from gomend.engine.go.toolchain import go_binary, go_env

# one package a line: its path, its folder, then the files a default build compiles
_FORMAT = '{{.ImportPath}}\t{{.Dir}}\t{{join .GoFiles "\\t"}}\t{{join .CgoFiles "\\t"}}'

_PROGRAM = r"""// Prints the exported top-level names of Go packages as JSON: one package a line on
// standard input, "import path<TAB>file<TAB>file...", with the files the build would use.
package main

import (
	"bufio"
	"encoding/json"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"sort"
	"strings"
)

func main() {
	out := map[string][]string{}
	in := bufio.NewScanner(os.Stdin)
	in.Buffer(make([]byte, 1<<20), 1<<24)
	fset := token.NewFileSet()
	for in.Scan() {
		fields := strings.Split(in.Text(), "\t")
		names := map[string]bool{}
		for _, path := range fields[1:] {
			f, err := parser.ParseFile(fset, path, nil, parser.SkipObjectResolution)
			if err != nil {
				os.Stderr.WriteString(err.Error() + "\n")
				os.Exit(1)
			}
			for _, decl := range f.Decls {
				switch d := decl.(type) {
				case *ast.FuncDecl:
					if d.Recv == nil && d.Name.IsExported() {
						names[d.Name.Name] = true
					}
				case *ast.GenDecl:
					for _, spec := range d.Specs {
						switch s := spec.(type) {
						case *ast.TypeSpec:
							if s.Name.IsExported() {
								names[s.Name.Name] = true
							}
						case *ast.ValueSpec:
							for _, n := range s.Names {
								if n.IsExported() {
									names[n.Name] = true
								}
							}
						}
					}
				}
			}
		}
		list := []string{}
		for n := range names {
			list = append(list, n)
		}
		sort.Strings(list)
		out[fields[0]] = list
	}
	enc := json.NewEncoder(os.Stdout)
	if err := enc.Encode(out); err != nil {
		os.Exit(1)
	}
}
"""


# what decides which files a default build compiles: the data records it under these keys
PLATFORM = {"goos": "GOOS", "goarch": "GOARCH", "cgo": "CGO_ENABLED"}


def _importable(path: str) -> bool:
    parts = path.split("/")
    return parts[0] != "cmd" and "internal" not in parts and "vendor" not in parts


def generate(go: str | None = None, platform: dict[str, str] | None = None) -> dict[str, Any]:
    """The data, from the Go toolchain ``go`` (found as the engine finds it by default), for
    ``platform`` (GOOS, GOARCH and CGO_ENABLED; by default the toolchain's own)."""
    go = go or go_binary()
    env = go_env(go)
    host = _go_env(go, env, "GOHOSTOS", "GOHOSTARCH")
    target = {**env, **(platform or {})}
    version, goos, goarch, cgo = _go_env(go, target, "GOVERSION", *PLATFORM.values())
    listed = subprocess.run(
        [go, "list", "-f", _FORMAT, "std"],
        capture_output=True, text=True, check=True, env=target,
    ).stdout  # fmt: skip
    lines = []
    for row in listed.splitlines():
        path, folder, *files = row.split("\t")
        if _importable(path) and any(files):
            lines.append("\t".join([path, *(os.path.join(folder, f) for f in files if f)]))
    # the reader runs here, whatever platform the packages are listed for
    run_env = {**env, "GO111MODULE": "off", "GOFLAGS": "", "GOOS": host[0], "GOARCH": host[1]}
    with tempfile.TemporaryDirectory() as work:
        program = os.path.join(work, "exports.go")
        with open(program, "w", encoding="utf-8") as fh:
            fh.write(_PROGRAM)
        done = subprocess.run(
            [go, "run", program], input="\n".join(lines) + "\n", capture_output=True,
            text=True, env=run_env, cwd=work,
        )  # fmt: skip
    if done.returncode != 0:
        raise RuntimeError(f"reading the standard library failed: {done.stderr.strip()[:500]}")
    return {
        "cgo": cgo,
        "go": version,
        "goarch": goarch,
        "goos": goos,
        "packages": dict(sorted(json.loads(done.stdout).items())),
    }


def _go_env(go: str, env: dict[str, str], *names: str) -> list[str]:
    done = subprocess.run([go, "env", *names], capture_output=True, text=True, check=True, env=env)
    return done.stdout.splitlines()


def render(data: dict[str, Any]) -> str:
    """The file's text, keys sorted: the toolchain and platform first, then one package a
    line, so that a change reads as a small diff."""
    head = [
        f"  {json.dumps(k)}: {json.dumps(v)}" for k, v in sorted(data.items()) if k != "packages"
    ]
    rows = [f"    {json.dumps(p)}: {json.dumps(n)}" for p, n in sorted(data["packages"].items())]
    return "{\n" + ",\n".join([*head, '  "packages": {']) + "\n" + ",\n".join(rows) + "\n  }\n}\n"


def recorded_platform(data: dict[str, Any]) -> dict[str, str]:
    """The GOOS, GOARCH and CGO_ENABLED that ``data`` was generated for."""
    return {variable: data[key] for key, variable in PLATFORM.items() if key in data}


def main() -> int:
    """Regenerates the file with the Go toolchain found, for the platform the file records
    (the toolchain's default when there is none), so that the data does not depend on the
    machine that regenerates it."""
    try:
        with open(DATA, encoding="utf-8") as fh:
            platform = recorded_platform(json.load(fh))
    except FileNotFoundError:
        platform = {}
    text = render(generate(platform=platform))
    with open(DATA, "w", encoding="utf-8") as fh:
        fh.write(text)
    print(f"wrote {DATA}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
