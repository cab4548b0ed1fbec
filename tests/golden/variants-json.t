# One result per rule and instruction: the JSON lists the variants it holds in, each with its
# message, witness path and version 1 fingerprint; variant is the merged text ("from user mode":
# with and without PTI).  The cr3-balance result holds with PTI only.  (Results 0 and 3 of
# mini_entry.o, without their witness paths: those are the walk's business.)
command: istcheck --model=$SRCROOT/tests/golden/mini-model.json --format=json mini_entry.o | python3 -c "import json, sys; r = json.load(sys.stdin)[\"results\"]; [v.pop(\"path\") for x in (r[0], r[3]) for v in [x] + x[\"variants\"]]; print(json.dumps([r[0], r[3]], indent=2))"; exit ${PIPESTATUS[0]}
exit: 1
---
[
  {
    "rule": "spec-untrain",
    "severity": "error",
    "message": "UNTRAIN_RET without IBRS_ENTER before it",
    "variant": "from user mode",
    "variants": [
      {
        "variant": "from user mode, with PTI",
        "message": "UNTRAIN_RET without IBRS_ENTER before it",
        "legacy_fingerprint": "b1b970a9aa12c7c0"
      },
      {
        "variant": "from user mode, without PTI",
        "message": "UNTRAIN_RET without IBRS_ENTER before it",
        "legacy_fingerprint": "1bb3b99104656e3e"
      }
    ],
    "callee": null,
    "input": "mini_entry.o",
    "symbol": "mini_syscall",
    "offset": "0x38",
    "section": ".entry.text",
    "section_offset": "0x3a",
    "address": null,
    "location": null,
    "fingerprint": "d50d8aca2cac6dfd",
    "byte_fingerprint": "c09157004dd44bf9"
  },
  {
    "rule": "cr3-balance",
    "severity": "error",
    "message": "returns to user mode with kernel CR3: no switch to the user CR3",
    "variant": "from user mode, with PTI",
    "variants": [
      {
        "variant": "from user mode, with PTI",
        "message": "returns to user mode with kernel CR3: no switch to the user CR3",
        "legacy_fingerprint": "6451ebe422358a62"
      }
    ],
    "callee": null,
    "input": "mini_entry.o",
    "symbol": "mini_syscall",
    "offset": "0x63",
    "section": ".entry.text",
    "section_offset": "0x65",
    "address": null,
    "location": null,
    "fingerprint": "091f72c4ecdc65dd",
    "byte_fingerprint": "1fb5e10d29f564e3"
  }
]
