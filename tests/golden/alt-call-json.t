# JSON: the replacement call and each witness step have a symbol and an offset (where the
# replacement runs at the site); section and section_offset still say where the bytes are.
command: istcheck --format=json alt_call.o
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
      "path": "alt_call.o",
      "kind": "object",
      "summary": {
        "contract": "linux",
        "model": "linux-x86_64-6.12",
        "variants": 4,
        "entry_points": 0,
        "entry_points_cut": 0,
        "functions": 2,
        "functions_skipped": 0,
        "result": "failed",
        "errors": 0,
        "warnings": 2,
        "suppressed": 0,
        "notes": 0
      }
    }
  ],
  "results": [
    {
      "rule": "noinstr-call",
      "severity": "warning",
      "message": "call to text_helper() leaves .noinstr.text section",
      "variant": null,
      "variants": [],
      "callee": "text_helper",
      "input": "alt_call.o",
      "symbol": "alt_site",
      "offset": "0x3",
      "section": ".altinstr_replacement",
      "section_offset": "0x2",
      "address": null,
      "location": null,
      "fingerprint": "72ed59b286e69975",
      "byte_fingerprint": "69ee5d8e071c5cd7",
      "path": [
        {
          "symbol": "alt_site",
          "offset": "0x0",
          "section": ".entry.text",
          "section_offset": "0x0",
          "address": null,
          "location": null,
          "note": "entry alt_site"
        },
        {
          "symbol": "alt_site",
          "offset": "0x1",
          "section": ".entry.text",
          "section_offset": "0x1",
          "address": null,
          "location": null,
          "note": "alternative with XENPV"
        },
        {
          "symbol": "alt_site",
          "offset": "0x3",
          "section": ".altinstr_replacement",
          "section_offset": "0x2",
          "address": null,
          "location": null,
          "note": "call text_helper"
        }
      ]
    },
    {
      "rule": "noinstr-call",
      "severity": "warning",
      "message": "call to text_helper() leaves .noinstr.text section",
      "variant": null,
      "variants": [],
      "callee": "text_helper",
      "input": "alt_call.o",
      "symbol": "later_site",
      "offset": "0x0",
      "section": ".entry.text",
      "section_offset": "0x9",
      "address": null,
      "location": null,
      "fingerprint": "20a5ded592c60bdf",
      "byte_fingerprint": "4656df7c49643461",
      "path": [
        {
          "symbol": "later_site",
          "offset": "0x0",
          "section": ".entry.text",
          "section_offset": "0x9",
          "address": null,
          "location": null,
          "note": "entry later_site"
        },
        {
          "symbol": "later_site",
          "offset": "0x0",
          "section": ".entry.text",
          "section_offset": "0x9",
          "address": null,
          "location": null,
          "note": "call text_helper"
        }
      ]
    }
  ],
  "notes": [],
  "summary": {
    "findings": 2,
    "notes": 0,
    "errors": 0,
    "warnings": 2,
    "suppressed": 0
  }
}
