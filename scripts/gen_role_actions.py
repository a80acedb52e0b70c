#!/usr/bin/env python3
"""Writes the scan role's read actions into infra/cloudformation/target-account.yml and
infra/terraform/modules/target-account/main.tf from the resource-type manifest
(shared/data/resource_types.json, through infra/tests/role_actions.py): the action list
of the `Collectors` statement and the paths of the `ApiGatewayConfiguration` statement.

    scripts/gen_role_actions.py          rewrite both files
    scripts/gen_role_actions.py --check  exit 1 when either differs (infra/tests checks too)
"""

import re
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "infra" / "tests"))
import role_actions  # noqa: E402

CFN = REPO / "infra" / "cloudformation" / "target-account.yml"
TF = REPO / "infra" / "terraform" / "modules" / "target-account" / "main.tf"
NOTE = "Generated from shared/data/resource_types.json by scripts/gen_role_actions.py."


def replace_list(text, opening, item, lines, what):
    """Replaces the lines matching `item` right after the line matching `opening` with
    `lines`."""
    m = re.search(opening, text, re.M)
    if not m:
        raise SystemExit(f"{what}: no line matching {opening!r}")
    start = end = text.index("\n", m.end()) + 1
    while end < len(text):
        line_end = text.index("\n", end) + 1 if "\n" in text[end:] else len(text)
        if not re.fullmatch(item, text[end:line_end].rstrip("\n")):
            break
        end = line_end
    return text[:start] + "".join(line + "\n" for line in lines) + text[end:]


def cloudformation(text):
    indent = " " * 18
    actions = [f"{indent}# {NOTE}"] + [f"{indent}- {a}" for a in role_actions.role_actions()]
    text = replace_list(
        text, r"^ +- Sid: Collectors\n(?: +\w+: .*\n)*? +Action:$", r" {18}(#.*|- [\w-]+:\w+)", actions,
        CFN.name,
    )
    paths = [f"{indent}- !Sub {r}" for r in role_actions.path_scoped_resources()["apigateway:GET"]]
    return replace_list(
        text, r"^ +- Sid: ApiGatewayConfiguration\n(?: +\w+: .*\n)*? +Resource:$", r" {18}- !Sub arn:.*",
        paths, CFN.name,
    )


def terraform(text):
    indent = " " * 6
    actions = [f"{indent}# {NOTE}"] + [f'{indent}"{a}",' for a in role_actions.role_actions()]
    text = replace_list(
        text, r'^ +sid += "Collectors"\n(?: +\w+ += .*\n)*? +actions = \[$', r' {6}(#.*|"[\w-]+:\w+",)',
        actions, TF.name,
    )
    paths = role_actions.path_scoped_resources("${local.partition}")["apigateway:GET"]
    return replace_list(
        text, r'^ +sid += "ApiGatewayConfiguration"\n(?: +\w+ += .*\n)*? +resources = \[$', r' {6}"arn:.*",',
        [f'{indent}"{p}",' for p in paths], TF.name,
    )


def main():
    check = sys.argv[1:] == ["--check"]
    stale = []
    for path, generate in [(CFN, cloudformation), (TF, terraform)]:
        old = path.read_text()
        new = generate(old)
        if new != old:
            stale.append(str(path.relative_to(REPO)))
            if not check:
                path.write_text(new)
    if check and stale:
        print(f"out of date with the manifest: {', '.join(stale)} (run scripts/gen_role_actions.py)")
        sys.exit(1)


if __name__ == "__main__":
    main()
