"""engine/go/stdlib_exports.py and stdlib_generate.py: the checked-in data is what the Go
toolchain says today (for the platform the data records, whatever the machine), it covers the
whole importable standard library and every name the engine's former table had, and dropping
a dot import uses it."""

from __future__ import annotations

import json

from pytest import MonkeyPatch

from gomend.engine.go import stdlib_exports
from gomend.engine.go.import_edits import drop_unused_imports
from gomend.engine.go.stdlib_exports import exported_names
from gomend.engine.go.stdlib_generate import generate, recorded_platform, render
from gomend.engine.go.toolchain import go_binary

REGENERATE = "python -m gomend.engine.go.stdlib_generate"

# the names the engine's hand-written table gave the five packages a fix touched, before the
# data replaced it: the data must keep every one of them
FORMER_TABLE: dict[str, str] = {
    "runtime": (
        "AddCleanup BlockProfile BlockProfileRecord Breakpoint CPUProfile Caller Callers "
        "CallersFrames Cleanup Compiler Error Frame Frames Func FuncForPC GC GOARCH GOMAXPROCS "
        "GOOS GOROOT Goexit GoroutineProfile Gosched KeepAlive LockOSThread MemProfile "
        "MemProfileRate MemProfileRecord MemStats MutexProfile NumCPU NumCgoCall NumGoroutine "
        "PanicNilError Pinner ReadMemStats ReadTrace SetBlockProfileRate SetCPUProfileRate "
        "SetCgoTraceback SetDefaultGOMAXPROCS SetFinalizer SetMutexProfileFraction Stack "
        "StackRecord StartTrace StopTrace ThreadCreateProfile TypeAssertionError UnlockOSThread "
        "Version"
    ),
    "runtime/debug": (
        "BuildInfo BuildSetting CrashOptions FreeOSMemory GCStats Module ParseBuildInfo "
        "PrintStack ReadBuildInfo ReadGCStats SetCrashOutput SetGCPercent SetMaxStack "
        "SetMaxThreads SetMemoryLimit SetPanicOnFault SetTraceback Stack WriteHeapDump"
    ),
    "runtime/pprof": (
        "Do ForLabels Label LabelSet Labels Lookup NewProfile Profile Profiles "
        "SetGoroutineLabels StartCPUProfile StopCPUProfile WithLabels WriteHeapProfile"
    ),
    "runtime/trace": (
        "FlightRecorder FlightRecorderConfig IsEnabled Log Logf NewFlightRecorder NewTask "
        "Region Start StartRegion Stop Task WithRegion"
    ),
    "context": (
        "AfterFunc Background CancelCauseFunc CancelFunc Canceled Cause Context "
        "DeadlineExceeded TODO WithCancel WithCancelCause WithDeadline WithDeadlineCause "
        "WithTimeout WithTimeoutCause WithValue WithoutCancel"
    ),
}


def test_the_checked_in_data_is_what_the_toolchain_gives() -> None:
    with open(stdlib_exports.DATA, encoding="utf-8") as fh:
        kept = fh.read()
    recorded = json.loads(kept)
    platform = recorded_platform(recorded)
    assert sorted(platform) == ["CGO_ENABLED", "GOARCH", "GOOS"]
    # no Go toolchain: GoMissing, never a skip
    fresh = generate(go_binary(), platform=platform)
    assert recorded["go"] == fresh["go"], (
        f"the data comes from {recorded['go']}, the toolchain is {fresh['go']}: run {REGENERATE}"
    )
    assert kept == render(fresh), f"stdlib_exports.json is stale: run {REGENERATE}"


def test_the_data_covers_the_standard_library_and_nothing_else() -> None:
    with open(stdlib_exports.DATA, encoding="utf-8") as fh:
        packages = json.load(fh)["packages"]
    assert len(packages) > 150
    assert not [p for p in packages if p.startswith("cmd/") or "internal" in p.split("/")]
    assert {"Stack", "GC", "LockOSThread", "AddCleanup", "GOMAXPROCS"} <= exported_names("runtime")
    assert "CancelFunc" in exported_names("context")
    assert "stack" not in exported_names("runtime")  # unexported
    assert "Lock" not in exported_names("sync")  # a method, not a package-level name
    assert exported_names("example.com/runtime") is None


def test_the_data_keeps_every_name_of_the_former_table() -> None:
    for path, names in FORMER_TABLE.items():
        exported = exported_names(path)
        assert exported is not None, path
        assert set(names.split()) - exported == set(), path


def test_regenerating_elsewhere_keeps_the_recorded_platform(monkeypatch: MonkeyPatch) -> None:
    # a machine whose default is another platform lists the same files for the data
    monkeypatch.setenv("GOOS", "windows")
    monkeypatch.setenv("GOARCH", "arm64")
    with open(stdlib_exports.DATA, encoding="utf-8") as fh:
        recorded = json.load(fh)
    fresh = generate(go_binary(), platform=recorded_platform(recorded))
    assert fresh["goos"] == recorded["goos"]
    assert fresh["packages"]["syscall"] == recorded["packages"]["syscall"]


def test_a_dot_import_of_any_standard_package_is_dropped_when_unused() -> None:
    source = b'package p\n\nimport (\n\t. "strings"\n\t"fmt"\n)\n\nfunc f() { fmt.Println() }\n'
    assert b'"strings"' not in drop_unused_imports(source, ["strings"])
    used = source.replace(b"fmt.Println()", b'fmt.Println(ToUpper("x"))')
    assert drop_unused_imports(used, ["strings"]) == used
    other = source.replace(b'. "strings"', b'. "example.com/strings"')
    assert drop_unused_imports(other, ["example.com/strings"]) == other  # unknown: kept
