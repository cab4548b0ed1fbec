#!/usr/bin/env bash
# The documentation works in a fresh clone: every relative link in README.md and docs/ names a
# file inside the repository that exists (a link out of it, such as ../shared/..., is broken in
# a clone), every rule of the rule table is described in docs/contract.md, and no figure or
# command names a scratch path outside the checkout (/tmp, a home directory).
set -u
: "${SRCROOT:?}"
python3 - "$SRCROOT" <<'PY'
import os, re, sys

root = os.path.realpath(sys.argv[1])
docs = [os.path.join(root, "README.md")]
for d, _, files in os.walk(os.path.join(root, "docs")):
    docs += [os.path.join(d, f) for f in files if f.endswith(".md")]
fail = 0
for doc in sorted(docs):
    text = open(doc).read()
    for target in re.findall(r"\]\(([^)\s]+)\)", text):
        if re.match(r"[a-z]+:", target) or target.startswith("#"):
            continue
        path = os.path.realpath(os.path.join(os.path.dirname(doc), target.split("#")[0]))
        rel = os.path.relpath(doc, root)
        if os.path.commonpath([root, path]) != root:
            print("FAIL %s: link %s leaves the repository" % (rel, target))
            fail += 1
        elif not os.path.exists(path):
            print("FAIL %s: link %s names no file" % (rel, target))
            fail += 1
        else:
            print("ok   %s: %s" % (rel, target))
rules = re.findall(r'^RULE\(\w+, "([a-z0-9-]+)"', open(os.path.join(root, "include/istcheck/rules.def")).read(), re.M)
contract = open(os.path.join(root, "docs/contract.md")).read() if os.path.exists(os.path.join(root, "docs/contract.md")) else ""
missing = [r for r in rules if "| `%s` |" % r not in contract]
if missing:
    print("FAIL docs/contract.md: no table row for %s" % ", ".join(missing))
    fail += 1
else:
    print("ok   docs/contract.md: all %d rules of rules.def" % len(rules))
# Figures and commands point at the checkout and the corpus, never at a scratch build outside
# them: no path under /tmp or a home directory in the README or the docs.
for doc in sorted(docs):
    rel = os.path.relpath(doc, root)
    scratch = re.findall(r"(?<![\w$])/(?:tmp|home|root)/[^\s`)]*", open(doc).read())
    if scratch:
        print("FAIL %s: names a scratch path: %s" % (rel, ", ".join(sorted(set(scratch))[:3])))
        fail += 1
print("ok   no scratch paths in the README and docs" if not fail else "")
sys.exit(1 if fail else 0)
PY
