"""Parses every .tf file under infra/terraform with python-hcl2 and prints them as one
JSON object {relative path: document}. Runs in the interpreter that has python-hcl2
(infra/.venv-hcl2: checkov's own fork of hcl2 takes the same module name, so the two
cannot share a virtualenv). String literals lose the quotes python-hcl2 8 keeps, and
its block markers are dropped, so the tests read plain values."""

import json
import sys
from pathlib import Path

import hcl2

TF = Path(__file__).resolve().parents[1] / "terraform"


def _plain(value):
    if isinstance(value, dict):
        return {_plain(k): _plain(v) for k, v in value.items() if not (isinstance(k, str) and k.startswith("__"))}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, str) and len(value) >= 2 and value[0] == value[-1] == '"':
        return value[1:-1]
    return value


def main():
    out, errors = {}, []
    for path in sorted(TF.rglob("*.tf")):
        if ".terraform" in path.parts:
            continue
        try:
            with open(path) as f:
                out[str(path.relative_to(TF))] = _plain(hcl2.load(f))
        except Exception as e:  # report every file that does not parse
            errors.append(f"{path.relative_to(TF)}: {e}")
    if errors:
        print("\n".join(errors), file=sys.stderr)
        sys.exit(1)
    json.dump(out, sys.stdout)


if __name__ == "__main__":
    main()
