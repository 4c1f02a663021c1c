#!/usr/bin/env bash
# The JSON Schema (touchpoint schema) against the fixtures, the init
# repository and the bad fixtures that are type errors: every valid log
# validates, every type error fails, as an editor with the YAML language
# server would show them.
set -u
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
tp=${TOUCHPOINT:-$repo/build/touchpoint}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$tp" schema > "$tmp/schema.json" || { echo "0 passed, 1 failed"; exit 1; }
cmp -s "$tmp/schema.json" "$repo/schema/touchpoint.schema.json" || { echo "FAIL the program's schema differs from schema/"; echo "0 passed, 1 failed"; exit 1; }
"$tp" init "$tmp/init" 2>/dev/null
/usr/bin/python3 - "$tmp/schema.json" "$repo" "$tmp/init" <<'PY'
import glob, json, os, re, sys
import jsonschema, yaml

schema = json.load(open(sys.argv[1]))
repo, init = sys.argv[2], sys.argv[3]
jsonschema.Draft7Validator.check_schema(schema)
validator = jsonschema.Draft7Validator(schema)

class Loader(yaml.SafeLoader):
    """YAML 1.2 core schema as the language server reads it: dates stay
    strings; only true/false (any case form) are booleans."""
Loader.yaml_implicit_resolvers = {
    k: [(tag, rx) for tag, rx in v if tag not in ("tag:yaml.org,2002:timestamp", "tag:yaml.org,2002:bool")]
    for k, v in yaml.SafeLoader.yaml_implicit_resolvers.items()}
Loader.add_implicit_resolver("tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"),
                             list("tTfF"))

def documents(path):
    with open(path, encoding="utf-8") as f:
        return [d for d in yaml.load_all(f, Loader=Loader) if d is not None]

passed = failed = 0
def check(name, ok):
    global passed, failed
    print(("ok   " if ok else "FAIL ") + name)
    passed, failed = passed + ok, failed + (not ok)

good = sorted(glob.glob(f"{repo}/fixtures/**/*.yaml", recursive=True) + glob.glob(f"{init}/**/*.yaml", recursive=True))
good = [p for p in good if "/bad/" not in p and "/.touchpoint/" not in p]
for path in good:
    errors = [e.message for d in documents(path) for e in validator.iter_errors(d)]
    check(f"valid: {os.path.relpath(path, repo) if path.startswith(repo) else 'init/' + os.path.relpath(path, init)}"
          + (f" ({errors[0]})" if errors else ""), not errors)

type_errors = ["wrong-kind", "yes-boolean", "quoted-boolean", "negative-number", "non-numeric", "quoted-number",
               "bad-status", "bad-request-status", "bad-contact", "fractional-count", "unknown-key",
               "minutes-and-hours", "missing-field", "empty-people", "hours-out-of-range", "count-out-of-range"]
for name in type_errors:
    path = f"{repo}/fixtures/bad/{name}.yaml"
    errors = [e.message for d in documents(path) for e in validator.iter_errors(d)]
    check(f"type error caught: {name}", bool(errors))
print(f"{passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
PY
