"""Hostile input benchmark: CPU seconds to render bodies and read front matter built to be slow
(the shapes that made Python-Markdown or PyYAML quadratic, or worse), at two sizes, so a figure
that grows 4× when the size doubles shows a quadratic path. Each case runs in its own process
under a time limit, so a regression prints TIMEOUT instead of hanging.

    python -m bench.hostile                 # 25,000 and 50,000 characters
    python -m bench.hostile --sizes 50000 200000 --limit 60
"""
from __future__ import annotations

import argparse
import subprocess
import sys
import time

BODIES = {
    "[ × n, x, ] × n": lambda n: "[" * (n // 2) + "x" + "]" * (n // 2),
    "[ × n": lambda n: "[" * n,
    "20 [ then [] × n": lambda n: "[" * 20 + "[]" * (n // 2),
    "[a][b × n": lambda n: "[a][b" * (n // 5),
    "[a]( × n": lambda n: "[a](" * (n // 4),
    '[a](b "c) × n': lambda n: '[a](b "c) ' * (n // 10),
    "[a]( then spaces": lambda n: "[a](" + " " * n,
    "[a](http://b) × n": lambda n: "[a](http://b) " * (n // 14),
    "* × n": lambda n: "*" * n,
    "*a × n": lambda n: "*a" * (n // 2),
    "*_ × n": lambda n: "*_" * (n // 2),
    "`a × n": lambda n: "`a" * (n // 2),
    "\\ × n": lambda n: "\\" * n,
    "&#115; × n": lambda n: "&#115;" * (n // 6),
    "[r]: url lines": lambda n: "".join(f"[r{i}]: http://x/{i}\n" for i in range(n // 20)),
}
FRONT_MATTER = {
    "[ × n (flow nesting)": lambda n: "note: " + "[" * n,
    "quoted text of n": lambda n: 'note: "' + "文" * n + '"',
    "alias bomb of 9⁹": lambda n: "".join(f"l{i}: &l{i} [{', '.join([f'*l{i - 1}' if i else 'x'] * 9)}]\n"
                                          for i in range(9)) + "title: *l8\n",
}


def measure(kind: str, name: str, size: int) -> None:
    """In a process of its own: CPU seconds for one case, and whether it rendered or was refused."""
    from archive.frontmatter import parse_front_matter
    from archive.site.markup import RenderError, render_body
    from archive.yamlmap import YamlMappingError

    text = (BODIES if kind == "body" else FRONT_MATTER)[name](size)
    start = time.process_time()
    try:
        render_body(text) if kind == "body" else parse_front_matter(f"---\n{text}\n---\n正文。\n")
        outcome = "ok"
    except (RenderError, YamlMappingError) as error:
        outcome = type(error).__name__
    print(f"{time.process_time() - start:.2f} s {outcome}")


def run(kind: str, name: str, size: int, limit: float) -> str:
    command = [sys.executable, "-c", "import sys; from bench.hostile import measure; measure(sys.argv[1], sys.argv[2], int(sys.argv[3]))",
               kind, name, str(size)]
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=limit)
    except subprocess.TimeoutExpired:
        return "TIMEOUT"
    return done.stdout.strip() or done.stderr.strip().splitlines()[-1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[25_000, 50_000])
    parser.add_argument("--limit", type=float, default=30, help="seconds per case")
    arguments = parser.parse_args()
    print(f"{'case':28}" + "".join(f"{size:>24,}" for size in arguments.sizes))
    for kind, cases in (("body", BODIES), ("front matter", FRONT_MATTER)):
        for name in cases:
            figures = [run(kind, name, size, arguments.limit) for size in arguments.sizes]
            print(f"{kind[:5]} {name:22}" + "".join(f"{figure:>24}" for figure in figures), flush=True)


if __name__ == "__main__":
    main()
