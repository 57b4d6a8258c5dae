"""Speed of `timeline.temporal.tag` against dateparser and datefinder on the same texts, in one run.

    python3 benchmarks/tagger.py [--repeat 5] [--limit-chars 2000000] [--dateparser-chars 50000]

Texts: the shared corpora (TBAQ + WikiWars, each with its DCT) when present, else the
bundled samples under timeline/samples/, else a short built-in text (written for this
script). Steady-state throughput (best of --repeat) is reported in chars/s; import time
and first-call cost are measured separately in fresh subprocesses. dateparser is much
slower, so it gets only the first --dateparser-chars characters (whole documents);
the output says how much each tool saw. Writes
benchmarks/results/tagger.json.
"""
from __future__ import annotations

import argparse
import contextlib
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from datetime import date, datetime
from pathlib import Path
from typing import Any, Callable, Iterator

REPO = Path(__file__).resolve().parents[1]
CORPORA = Path(os.environ.get("TIMELINE_CORPORA", REPO.parent / "shared" / "corpora"))
RESULTS = REPO / "benchmarks" / "results" / "tagger.json"
CORPUS_FILES = ("tbaq/timebank.jsonl", "tbaq/aquaint.jsonl", "wikiwars/wikiwars-dev.jsonl")

BUILTIN_TEXT = (
    "On Tuesday the ministry said the first shipment had left the port on 3 March 2023, two weeks later than "
    "planned. Engineers arrived in the spring of 2022 and have worked there since at least August 2022. "
    "The plant is expected to reach full output early next year; until then, deliveries happen every month. "
    "Last week officials met for three hours, and they will meet again on Friday. In the 1990s the site "
    "made tractors; by mid-2021 it had been rebuilt. Resolution 2231 and Flight 752 are not dates. "
)


def load_texts(limit_chars: int) -> tuple[str, list[tuple[str, date | None]]]:
    """(source description, [(text, dct)]) capped at about `limit_chars` characters (whole documents)."""
    docs: list[tuple[str, date | None]] = []
    source = ""
    if (CORPORA / "README.md").is_file():
        found = [name for name in CORPUS_FILES if (CORPORA / name).is_file()]
        for name in found:
            with open(CORPORA / name, encoding="utf-8") as fh:
                for line in fh:
                    d = json.loads(line)
                    docs.append((d["text"], date.fromisoformat(d["dct"]) if d.get("dct") else None))
        source = "corpora: " + ", ".join(found)
    if not docs:
        samples = REPO / "timeline" / "samples"
        for path in sorted(samples.rglob("*")) if samples.is_dir() else []:
            if path.suffix in (".txt", ".md") and path.is_file():
                try:  # sample names start with their publication date
                    dct = date.fromisoformat(path.name[:10])
                except ValueError:
                    dct = None
                docs.append((path.read_text(encoding="utf-8"), dct))
        source = "timeline/samples" if docs else ""
    if not docs:
        docs = [(BUILTIN_TEXT, date(2023, 6, 13))] * 50
        source = "built-in text x50"
    return source, cap(docs, limit_chars)


def cap(docs: list[tuple[str, date | None]], limit: int) -> list[tuple[str, date | None]]:
    """Leading whole documents up to `limit` characters (at least one)."""
    out, total = [], 0
    for text, dct in docs:
        if out and total + len(text) > limit:
            break
        out.append((text, dct))
        total += len(text)
    return out


def ours(docs: list[tuple[str, date | None]]) -> None:
    from timeline.temporal import tag

    for text, dct in docs:
        tag(text, dct, mode="auto")


@contextlib.contextmanager
def scanner(name: str) -> Iterator[None]:
    """The tagger's start finder forced to `name` ("re": the regex gate, the fallback where
    Hyperscan has no wheel) inside the block; the rule tables are rebuilt on entry and exit."""
    from timeline.temporal import scan

    before = os.environ.get("TIMELINE_SCANNER")
    os.environ["TIMELINE_SCANNER"] = name
    scan.dispatch.cache_clear()
    try:
        if name == "re" and scan.backend() != "re":
            raise RuntimeError("the regex gate is not in use")
        yield
    finally:
        if before is None:
            os.environ.pop("TIMELINE_SCANNER", None)
        else:
            os.environ["TIMELINE_SCANNER"] = before
        scan.dispatch.cache_clear()


def with_dateparser(docs: list[tuple[str, date | None]]) -> None:
    from dateparser.search import search_dates

    for text, dct in docs:
        base = datetime.combine(dct, datetime.min.time()) if dct else datetime(2023, 6, 13)
        search_dates(text, languages=["en"], settings={"RELATIVE_BASE": base})


def with_datefinder(docs: list[tuple[str, date | None]]) -> None:
    import datefinder

    for text, _ in docs:
        list(datefinder.find_dates(text))


TOOLS: dict[str, tuple[Callable[[list], None], str, str]] = {
    # name -> (runner, import statement, first call) for the subprocess measurements
    "timeline": (ours, "from timeline.temporal import tag",
                 "tag('The talks ended on Friday, 9 June 2023.', '2023-06-13')"),
    "dateparser": (with_dateparser, "from dateparser.search import search_dates",
                   "search_dates('The talks ended on Friday, 9 June 2023.', languages=['en'])"),
    "datefinder": (with_datefinder, "import datefinder",
                   "list(datefinder.find_dates('The talks ended on Friday, 9 June 2023.'))"),
}


def cold_costs(import_stmt: str, call: str, runs: int = 3, extra_env: dict[str, str] | None = None) -> dict[str, float]:
    """Import time and first-call overhead (first call minus second) in fresh interpreters; best of `runs`."""
    code = (
        "import time, json\n"
        "t0 = time.perf_counter()\n"
        f"{import_stmt}\n"
        "t1 = time.perf_counter()\n"
        f"{call}\n"
        "t2 = time.perf_counter()\n"
        f"{call}\n"
        "t3 = time.perf_counter()\n"
        "print(json.dumps({'import_s': t1 - t0, 'first_call_s': t2 - t1, 'second_call_s': t3 - t2}))\n"
    )
    best: dict[str, float] = {}
    env = {**os.environ, "PYTHONPATH": str(REPO) + os.pathsep + os.environ.get("PYTHONPATH", ""), **(extra_env or {})}
    for _ in range(runs):
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, cwd=REPO)
        if out.returncode != 0:
            return {"error": out.stderr.strip().splitlines()[-1] if out.stderr.strip() else "failed"}
        m = json.loads(out.stdout.strip().splitlines()[-1])
        best = {k: min(v, best.get(k, v)) for k, v in m.items()}
    best["first_call_overhead_s"] = max(0.0, best["first_call_s"] - best["second_call_s"])
    return best


def throughput(run: Callable[[list], None], docs: list, repeat: int) -> dict[str, Any]:
    run(docs[:1])  # warm-up: first-call costs are reported separately
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        run(docs)
        times.append(time.perf_counter() - t0)
    chars = sum(len(t) for t, _ in docs)
    best = min(times)
    return {"docs": len(docs), "chars": chars, "best_s": best, "all_s": times,
            "chars_per_s": chars / best if best else float("inf")}


def scanner_info() -> dict[str, Any]:
    """Which start finder the tagger used, and the Hyperscan version when it is that."""
    from timeline.temporal import scan

    info: dict[str, Any] = {"backend": scan.backend()}
    if info["backend"] == "hyperscan":
        import hyperscan

        info["hyperscan"] = hyperscan.__version__
    return info


def main(argv: list[str] | None = None) -> dict[str, Any]:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--repeat", type=int, default=5, help="timed runs per tool; the best is reported")
    ap.add_argument("--limit-chars", type=int, default=2_000_000, help="cap on characters given to our tagger")
    ap.add_argument("--dateparser-chars", type=int, default=50_000,
                    help="cap on characters given to dateparser (it is slow)")
    ap.add_argument("--tools", default="timeline,dateparser,datefinder", help="comma-separated subset")
    ap.add_argument("--output", type=Path, default=RESULTS)
    args = ap.parse_args(argv)

    source, docs = load_texts(args.limit_chars)
    dateparser_docs = cap(docs, args.dateparser_chars)
    result: dict[str, Any] = {
        "when": datetime.now().isoformat(timespec="seconds"), "python": platform.python_version(),
        "machine": platform.machine(), "cpus": os.cpu_count(), "source": source, "repeat": args.repeat,
        "limit_chars": args.limit_chars, "dateparser_chars": args.dateparser_chars, "tools": {},
    }
    for name in args.tools.split(","):
        run, import_stmt, call = TOOLS[name]
        tool_docs = dateparser_docs if name == "dateparser" else docs
        print(f"timing {name} on {sum(len(t) for t, _ in tool_docs):,} chars ...", file=sys.stderr)
        try:
            entry = throughput(run, tool_docs, args.repeat)
        except Exception as exc:  # report and go on: a missing baseline must not hide the others
            entry = {"error": f"{type(exc).__name__}: {exc}"}
        entry["cold"] = cold_costs(import_stmt, call)
        if name == "timeline":
            entry["scanner"] = scanner_info()
            with tempfile.TemporaryDirectory() as empty:  # the Hyperscan database compiled, not read back
                entry["cold_empty_cache"] = cold_costs(import_stmt, call, runs=1, extra_env={"TIMELINE_CACHE_DIR": empty})
        result["tools"][name] = entry
    if "timeline" in result["tools"] and result["tools"]["timeline"].get("scanner", {}).get("backend") == "hyperscan":
        print("timing timeline with the regex gate (no Hyperscan) ...", file=sys.stderr)
        with scanner("re"):  # throughput() warms up first: the rebuilt tables are not timed
            result["tools"]["timeline, regex gate"] = throughput(ours, docs, args.repeat)

    tools = result["tools"]
    ok = {n: t for n, t in tools.items() if "chars_per_s" in t}
    if "timeline" in ok and "dateparser" in ok:
        # the ratio against dateparser is taken on exactly the texts dateparser saw
        tools["timeline on dateparser's texts"] = throughput(ours, dateparser_docs, args.repeat)
    if "timeline" in ok:
        result["ratios"] = {}
        for n, t in ok.items():
            if n != "timeline":
                mine = tools.get("timeline on dateparser's texts") if n == "dateparser" else ok["timeline"]
                result["ratios"][f"timeline/{n}"] = (mine or ok["timeline"])["chars_per_s"] / t["chars_per_s"]
    print_table(result)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {args.output}")
    return result


def print_table(result: dict[str, Any]) -> None:
    print(f"texts: {result['source']}; best of {result['repeat']} runs; python {result['python']}")
    print(f"{'tool':<31} {'docs':>5} {'chars':>10} {'chars/s':>12} {'import ms':>10} {'1st call ms':>12}")
    for name, t in result["tools"].items():
        cold = t.get("cold", {})
        imp = f"{1000 * cold['import_s']:.0f}" if "import_s" in cold else ("-" if not cold else "err")
        first = (f"{1000 * cold['first_call_overhead_s']:.0f}" if "first_call_overhead_s" in cold
                 else ("-" if not cold else "err"))
        if "chars_per_s" in t:
            print(f"{name:<31} {t['docs']:>5} {t['chars']:>10,} {t['chars_per_s']:>12,.0f} {imp:>10} {first:>12}")
        else:
            print(f"{name:<31} error: {t['error']}")
    for key, r in result.get("ratios", {}).items():
        print(f"speed ratio {key}: {r:,.1f}x")
    ours_entry = result["tools"].get("timeline", {})
    if "scanner" in ours_entry:
        sc = ours_entry["scanner"]
        print(f"timeline's start finder: {sc['backend']}" + (f" {sc['hyperscan']}" if "hyperscan" in sc else ""))
    empty = ours_entry.get("cold_empty_cache", {})
    if "first_call_overhead_s" in empty:
        print(f"timeline's first call with an empty cache (rule database compiled): "
              f"{1000 * empty['first_call_overhead_s']:.0f} ms")
    print(f"note: dateparser saw only the first {result['dateparser_chars']:,} characters (whole documents), "
          "the others all texts; 1st call = extra cost of the first call after import.")


if __name__ == "__main__":
    main()
