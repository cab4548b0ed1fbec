# JSON: versioned, addresses and offsets as hex strings, witness paths, fingerprints.
command: istcheck --format=json --srcroot="$SRCROOT" noinstr_bad_g.o
exit: 1
---
{
  "version": 3,
  "tool": {
    "name": "istcheck",
    "version": "0.1.0"
  },
  "inputs": [
    {
      "path": "noinstr_bad_g.o",
      "kind": "object",
      "summary": {
        "contract": "linux",
        "model": "linux-x86_64-6.12",
        "variants": 4,
        "entry_points": 0,
        "entry_points_cut": 0,
        "functions": 13,
        "functions_skipped": 0,
        "result": "failed",
        "errors": 0,
        "warnings": 9,
        "suppressed": 0,
        "notes": 1
      }
    }
  ],
  "results": [
    {
      "rule": "noinstr-call",
      "severity": "warning",
      "message": "call to instrumented_helper() leaves .noinstr.text section",
      "variant": null,
      "variants": [],
      "callee": "instrumented_helper",
      "input": "noinstr_bad_g.o",
      "symbol": "bad_call",
      "offset": "0x0",
      "section": ".noinstr.text",
      "section_offset": "0x0",
      "address": null,
      "location": {
        "file": "tests/fixtures/noinstr_bad.S",
        "line": 12,
        "column": null
      },
      "fingerprint": "00510fad946ea384",
      "byte_fingerprint": "82aceeb7538b85b9",
      "path": [
        {
          "symbol": "bad_call",
          "offset": "0x0",
          "section": ".noinstr.text",
          "section_offset": "0x0",
          "address": null,
          "location": {
            "file": "tests/fixtures/noinstr_bad.S",
            "line": 12,
            "column": null
          },
          "note": "entry bad_call"
        },
        {
          "symbol": "bad_call",
          "offset": "0x0",
          "section": ".noinstr.text",
          "section_offset": "0x0",
          "address": null,
          "location": {
            "file": "tests/fixtures/noinstr_bad.S",
            "line": 12,
            "column": null
          },
          "note": "call instrumented_helper"
        }
      ]
    },
    {
      "rule": "noinstr-call",
      "severity": "warning",
      "message": "call to instrumented_helper() leaves .noinstr.text section",
      "variant": null,
      "variants": [],
      "callee": "instrumented_helper",
      "input": "noinstr_bad_g.o",
      "symbol": "bad_tail_call",
      "offset": "0x4",
      "section": ".noinstr.text",
      "section_offset": "0x1a",
      "address": null,
      "location": {
        "file": "tests/fixtures/noinstr_bad.S",
        "line": 28,
        "column": null
      },
      "fingerprint": "67125903ba0f5f0d",
      "byte_fingerprint": "7d6e64adebb4160f",
      "path": [
        {
          "symbol": "bad_tail_call",
          "offset": "0x0",
          "section": ".noinstr.text",
          "section_offset": "0x16",
          "address": null,
          "location": {
            "file": "tests/fixtures/noinstr_bad.S",
            "line": 26,
            "column": null
          },
          "note": "entry bad_tail_call"
        },
        {
          "symbol": "bad_tail_call",
          "offset": "0x2",
          "section": ".noinstr.text",
          "section_offset": "0x18",
          "address": null,
          "location": {
            "file": "tests/fixtures/noinstr_bad.S",
            "line": 27,
            "column": null
          },
          "note": "not taken"
        },
        {
          "symbol": "bad_tail_call",
          "offset": "0x4",
          "section": ".noinstr.text",
          "section_offset": "0x1a",
          "address": null,
          "location": {
            "file": "tests/fixtures/noinstr_bad.S",
            "line": 28,
            "column": null
          },
          "note": "tail call instrumented_helper"
        }
      ]
    },
    {
      "rule": "noinstr-indirect",
      "severity": "warning",
      "message": "indirect call in noinstr code",
      "variant": null,
      "variants": [],
      "callee": "{dynamic}",
      "input": "noinstr_bad_g.o",
      "symbol": "bad_indirect",
      "offset": "0x0",
      "section": ".noinstr.text",
      "section_offset": "0x24",
      "address": null,
      "location": {
        "file": "tests/fixtures/noinstr_bad.S",
        "line": 34,
        "column": null
      },
      "fingerprint": "ef882a324119acd0",
      "byte_fingerprint": "5536a2f845f09305",
      "path": [
        {
          "symbol": "bad_indirect",
          "offset": "0x0",
          "section": ".noinstr.text",
          "section_offset": "0x24",
          "address": null,
          "location": {
            "file": "tests/fixtures/noinstr_bad.S",
            "line": 34,
            "column": null
          },
          "note": "entry bad_indirect"
        },
        {
          "symbol": "bad_indirect",
          "offset": "0x0",
          "section": ".noinstr.text",
          "section_offset": "0x24",
          "address": null,
          "location": {
            "file": "tests/fixtures/noinstr_bad.S",
            "line": 34,
            "column": null
          },
          "note": "indirect call"
        }
      ]
    },
    {
      "rule": "noinstr-indirect",
      "severity": "warning",
      "message": "indirect call in noinstr code",
      "variant": null,
      "variants": [],
      "callee": "{dynamic}",
      "input": "noinstr_bad_g.o",
      "symbol": "bad_indirect",
      "offset": "0x5",
      "section": ".noinstr.text",
      "section_offset": "0x29",
      "address": null,
      "location": {
        "file": "tests/fixtures/noinstr_bad.S",
        "line": 35,
        "column": null
      },
      "fingerprint": "a638e808405a9e03",
      "byte_fingerprint": "739f054d549cf2e9",
      "path": [
        {
          "symbol": "bad_indirect",
          "offset": "0x0",
          "section": ".noinstr.text",
          "section_offset": "0x24",
          "address": null,
          "location": {
            "file": "tests/fixtures/noinstr_bad.S",
            "line": 34,
            "column": null
          },
          "note": "entry bad_indirect"
        },
        {
          "symbol": "bad_indirect",
          "offset": "0x5",
          "section": ".noinstr.text",
          "section_offset": "0x29",
          "address": null,
          "location": {
            "file": "tests/fixtures/noinstr_bad.S",
            "line": 35,
            "column": null
          },
          "note": "indirect call"
        }
      ]
    },
    {
      "rule": "noinstr-balance",
      "severity": "warning",
      "message": "return with instrumentation enabled (depth 1)",
      "variant": null,
      "variants": [],
      "callee": null,
      "input": "noinstr_bad_g.o",
      "symbol": "bad_return_in_region",
      "offset": "0x6",
      "section": ".noinstr.text",
      "section_offset": "0x36",
      "address": null,
      "location": {
        "file": "tests/fixtures/noinstr_bad.S",
        "line": 45,
        "column": null
      },
      "fingerprint": "71720c2fa34b82fc",
      "byte_fingerprint": "16c3686f9a804811",
      "path": [
        {
          "symbol": "bad_return_in_region",
          "offset": "0x0",
          "section": ".noinstr.text",
          "section_offset": "0x30",
          "address": null,
          "location": {
            "file": "tests/fixtures/noinstr_bad.S",
            "line": 41,
            "column": null
          },
          "note": "entry bad_return_in_region"
        },
        {
          "symbol": "bad_return_in_region",
          "offset": "0x3",
          "section": ".noinstr.text",
          "section_offset": "0x33",
          "address": null,
          "location": {
            "file": "tests/fixtures/noinstr_bad.S",
            "line": 43,
            "column": null
          },
          "note": "taken"
        },
        {
          "symbol": "bad_return_in_region",
          "offset": "0x6",
          "section": ".noinstr.text",
          "section_offset": "0x36",
          "address": null,
          "location": {
            "file": "tests/fixtures/noinstr_bad.S",
            "line": 45,
            "column": null
          },
          "note": "return with instrumentation enabled"
        }
      ]
    },
    {
      "rule": "noinstr-balance",
      "severity": "warning",
      "message": "instrumentation_end() without instrumentation_begin() (depth -1)",
      "variant": null,
      "variants": [],
      "callee": null,
      "input": "noinstr_bad_g.o",
      "symbol": "bad_end_without_begin",
      "offset": "0xa",
      "section": ".noinstr.text",
      "section_offset": "0x45",
      "address": null,
      "location": {
        "file": "tests/fixtures/noinstr_bad.S",
        "line": 54,
        "column": null
      },
      "fingerprint": "4fbd570c628a8360",
      "byte_fingerprint": "db56094b737792ea",
      "path": [
        {
          "symbol": "bad_end_without_begin",
          "offset": "0x0",
          "section": ".noinstr.text",
          "section_offset": "0x3b",
          "address": null,
          "location": {
            "file": "tests/fixtures/noinstr_bad.S",
            "line": 50,
            "column": null
          },
          "note": "entry bad_end_without_begin"
        },
        {
          "symbol": "bad_end_without_begin",
          "offset": "0x2",
          "section": ".noinstr.text",
          "section_offset": "0x3d",
          "address": null,
          "location": {
            "file": "tests/fixtures/noinstr_bad.S",
            "line": 51,
            "column": null
          },
          "note": "taken"
        },
        {
          "symbol": "bad_end_without_begin",
          "offset": "0xa",
          "section": ".noinstr.text",
          "section_offset": "0x45",
          "address": null,
          "location": {
            "file": "tests/fixtures/noinstr_bad.S",
            "line": 54,
            "column": null
          },
          "note": "instrumentation_end() without instrumentation_begin()"
        }
      ]
    },
    {
      "rule": "noinstr-balance",
      "severity": "warning",
      "message": "instrumentation depth changes on every turn of a loop (depth 4)",
      "variant": null,
      "variants": [],
      "callee": null,
      "input": "noinstr_bad_g.o",
      "symbol": "bad_loop",
      "offset": "0x3",
      "section": ".noinstr.text",
      "section_offset": "0x4e",
      "address": null,
      "location": {
        "file": "tests/fixtures/noinstr_bad.S",
        "line": 62,
        "column": null
      },
      "fingerprint": "543555ce7275f244",
      "byte_fingerprint": "9e07f95074a4e9a7",
      "path": [
        {
          "symbol": "bad_loop",
          "offset": "0x0",
          "section": ".noinstr.text",
          "section_offset": "0x4b",
          "address": null,
          "location": {
            "file": "tests/fixtures/noinstr_bad.S",
            "line": 60,
            "column": null
          },
          "note": "entry bad_loop"
        },
        {
          "symbol": "bad_loop",
          "offset": "0x3",
          "section": ".noinstr.text",
          "section_offset": "0x4e",
          "address": null,
          "location": {
            "file": "tests/fixtures/noinstr_bad.S",
            "line": 62,
            "column": null
          },
          "note": "taken"
        },
        {
          "symbol": "bad_loop",
          "offset": "0x3",
          "section": ".noinstr.text",
          "section_offset": "0x4e",
          "address": null,
          "location": {
            "file": "tests/fixtures/noinstr_bad.S",
            "line": 62,
            "column": null
          },
          "note": "taken"
        },
        {
          "symbol": "bad_loop",
          "offset": "0x3",
          "section": ".noinstr.text",
          "section_offset": "0x4e",
          "address": null,
          "location": {
            "file": "tests/fixtures/noinstr_bad.S",
            "line": 62,
            "column": null
          },
          "note": "taken"
        },
        {
          "symbol": "bad_loop",
          "offset": "0x3",
          "section": ".noinstr.text",
          "section_offset": "0x4e",
          "address": null,
          "location": {
            "file": "tests/fixtures/noinstr_bad.S",
            "line": 62,
            "column": null
          },
          "note": "instrumentation depth changes on every turn of a loop"
        }
      ]
    },
    {
      "rule": "noinstr-balance",
      "severity": "warning",
      "message": "return with instrumentation enabled (depth 1)",
      "variant": null,
      "variants": [],
      "callee": null,
      "input": "noinstr_bad_g.o",
      "symbol": "bad_loop",
      "offset": "0x5",
      "section": ".noinstr.text",
      "section_offset": "0x50",
      "address": null,
      "location": {
        "file": "tests/fixtures/noinstr_bad.S",
        "line": 63,
        "column": null
      },
      "fingerprint": "9a1fb51adf9e6925",
      "byte_fingerprint": "bd57ec497ad3827a",
      "path": [
        {
          "symbol": "bad_loop",
          "offset": "0x0",
          "section": ".noinstr.text",
          "section_offset": "0x4b",
          "address": null,
          "location": {
            "file": "tests/fixtures/noinstr_bad.S",
            "line": 60,
            "column": null
          },
          "note": "entry bad_loop"
        },
        {
          "symbol": "bad_loop",
          "offset": "0x3",
          "section": ".noinstr.text",
          "section_offset": "0x4e",
          "address": null,
          "location": {
            "file": "tests/fixtures/noinstr_bad.S",
            "line": 62,
            "column": null
          },
          "note": "not taken"
        },
        {
          "symbol": "bad_loop",
          "offset": "0x5",
          "section": ".noinstr.text",
          "section_offset": "0x50",
          "address": null,
          "location": {
            "file": "tests/fixtures/noinstr_bad.S",
            "line": 63,
            "column": null
          },
          "note": "return with instrumentation enabled"
        }
      ]
    },
    {
      "rule": "noinstr-call",
      "severity": "warning",
      "message": "call to instrumented_helper() leaves .noinstr.text section",
      "variant": null,
      "variants": [],
      "callee": "instrumented_helper",
      "input": "noinstr_bad_g.o",
      "symbol": "bad_nonstandard",
      "offset": "0x0",
      "section": ".noinstr.text",
      "section_offset": "0x6b",
      "address": null,
      "location": {
        "file": "tests/fixtures/noinstr_bad.S",
        "line": 85,
        "column": null
      },
      "fingerprint": "3078c0c3d4c3aebc",
      "byte_fingerprint": "51edf667eaa850b1",
      "path": [
        {
          "symbol": "bad_nonstandard",
          "offset": "0x0",
          "section": ".noinstr.text",
          "section_offset": "0x6b",
          "address": null,
          "location": {
            "file": "tests/fixtures/noinstr_bad.S",
            "line": 85,
            "column": null
          },
          "note": "entry bad_nonstandard"
        },
        {
          "symbol": "bad_nonstandard",
          "offset": "0x0",
          "section": ".noinstr.text",
          "section_offset": "0x6b",
          "address": null,
          "location": {
            "file": "tests/fixtures/noinstr_bad.S",
            "line": 85,
            "column": null
          },
          "note": "call instrumented_helper"
        }
      ]
    }
  ],
  "notes": [
    {
      "input": "noinstr_bad_g.o",
      "symbol": "external_call",
      "offset": "0x0",
      "location": {
        "file": "tests/fixtures/noinstr_bad.S",
        "line": 92,
        "column": null
      },
      "message": "call to some_external_function() is unverifiable in this object"
    }
  ],
  "summary": {
    "findings": 9,
    "notes": 1,
    "errors": 0,
    "warnings": 9,
    "suppressed": 0
  }
}
