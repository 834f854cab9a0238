"""Runs a snippet of Node.js with JSON in and JSON out, for the search tests
that hold the Python build to what the browser's JavaScript does."""
from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
TOKENIZER_JS = REPO / "static" / "tokenizer.js"
LUNR_JS = REPO / "node_modules" / "lunr" / "lunr.js"


def run_node(script: str, payload: Any) -> Any:
    """Runs `script` with `input` bound to the payload; prints JSON to return."""
    program = "const input = JSON.parse(require('fs').readFileSync(0, 'utf8'));\n" + script
    completed = subprocess.run(
        ["node", "-e", program], input=json.dumps(payload), capture_output=True,
        text=True, encoding="utf-8", check=False, timeout=120,
    )
    assert completed.returncode == 0, completed.stderr
    return json.loads(completed.stdout)
