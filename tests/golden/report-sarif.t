# SARIF 2.1.0: rules from the rule table, locations from DWARF, code flows from witnesses.
command: istcheck --format=sarif --srcroot="$SRCROOT" noinstr_bad_g.o
exit: 1
---
{
  "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
  "version": "2.1.0",
  "runs": [
    {
      "tool": {
        "driver": {
          "name": "istcheck",
          "version": "0.1.0",
          "rules": [
            {
              "id": "noinstr-call",
              "shortDescription": {
                "text": "call from noinstr code to instrumentable code"
              },
              "fullDescription": {
                "text": "Code in .noinstr.text, .entry.text, .cpuidle.text or .text..__x86.* runs while the kernel cannot yet (or can no longer) cope with instrumentation: RCU may not be watching, GSBASE or CR3 may be the user's.  Outside an instrumentation_begin()/instrumentation_end() region it may call or tail-call only other noinstr code, static-call trampolines, __ubsan_handle_* or pv_ops slots whose targets are all noinstr.  Fix: mark the callee noinstr (or __always_inline), or bracket the call with instrumentation_begin()/instrumentation_end() if the state allows it."
              },
              "help": {
                "text": "Code in .noinstr.text, .entry.text, .cpuidle.text or .text..__x86.* runs while the kernel cannot yet (or can no longer) cope with instrumentation: RCU may not be watching, GSBASE or CR3 may be the user's.  Outside an instrumentation_begin()/instrumentation_end() region it may call or tail-call only other noinstr code, static-call trampolines, __ubsan_handle_* or pv_ops slots whose targets are all noinstr.  Fix: mark the callee noinstr (or __always_inline), or bracket the call with instrumentation_begin()/instrumentation_end() if the state allows it."
              },
              "defaultConfiguration": {
                "level": "warning"
              }
            },
            {
              "id": "noinstr-indirect",
              "shortDescription": {
                "text": "indirect call or jump from noinstr code"
              },
              "fullDescription": {
                "text": "An indirect call or jump (including a retpoline thunk) outside an instrumentation region in noinstr code can reach any function, instrumented ones included.  pv_ops slots are accepted when every target installed in them is noinstr.  Fix: call the function directly, use a static call, or bracket the call with instrumentation_begin()/instrumentation_end()."
              },
              "help": {
                "text": "An indirect call or jump (including a retpoline thunk) outside an instrumentation region in noinstr code can reach any function, instrumented ones included.  pv_ops slots are accepted when every target installed in them is noinstr.  Fix: call the function directly, use a static call, or bracket the call with instrumentation_begin()/instrumentation_end()."
              },
              "defaultConfiguration": {
                "level": "warning"
              }
            },
            {
              "id": "noinstr-balance",
              "shortDescription": {
                "text": "unbalanced instrumentation_begin()/instrumentation_end()"
              },
              "fullDescription": {
                "text": "Every path through a noinstr function must keep instrumentation regions balanced: no return or tail call inside a region, no instrumentation_end() without a begin, no loop that changes the depth on every turn.  objtool fixes the depth by the first path that reaches an instruction and does not check for an end without a begin; istcheck follows every depth a block can be reached with.  Fix: pair the markers on every branch."
              },
              "help": {
                "text": "Every path through a noinstr function must keep instrumentation regions balanced: no return or tail call inside a region, no instrumentation_end() without a begin, no loop that changes the depth on every turn.  objtool fixes the depth by the first path that reaches an instruction and does not check for an end without a begin; istcheck follows every depth a block can be reached with.  Fix: pair the markers on every branch."
              },
              "defaultConfiguration": {
                "level": "warning"
              }
            }
          ]
        }
      },
      "invocations": [
        {
          "executionSuccessful": true,
          "toolExecutionNotifications": [
            {
              "level": "note",
              "message": {
                "text": "call to some_external_function() is unverifiable in this object"
              },
              "locations": [
                {
                  "physicalLocation": {
                    "artifactLocation": {
                      "uri": "noinstr_bad_g.o"
                    }
                  },
                  "logicalLocations": [
                    {
                      "fullyQualifiedName": "external_call+0x0",
                      "kind": "function"
                    }
                  ]
                }
              ]
            }
          ]
        }
      ],
      "results": [
        {
          "ruleId": "noinstr-call",
          "ruleIndex": 0,
          "level": "warning",
          "message": {
            "text": "call to instrumented_helper() leaves .noinstr.text section"
          },
          "locations": [
            {
              "physicalLocation": {
                "artifactLocation": {
                  "uri": "tests/fixtures/noinstr_bad.S"
                },
                "region": {
                  "startLine": 12
                }
              },
              "logicalLocations": [
                {
                  "fullyQualifiedName": "bad_call+0x0",
                  "kind": "function"
                }
              ]
            }
          ],
          "partialFingerprints": {
            "istcheckFingerprint/v1": "82aceeb7538b85b9"
          },
          "codeFlows": [
            {
              "threadFlows": [
                {
                  "locations": [
                    {
                      "location": {
                        "message": {
                          "text": "entry bad_call"
                        },
                        "logicalLocations": [
                          {
                            "fullyQualifiedName": "bad_call+0x0",
                            "kind": "function"
                          }
                        ]
                      }
                    },
                    {
                      "location": {
                        "message": {
                          "text": "call instrumented_helper"
                        },
                        "logicalLocations": [
                          {
                            "fullyQualifiedName": "bad_call+0x0",
                            "kind": "function"
                          }
                        ]
                      }
                    }
                  ]
                }
              ]
            }
          ],
          "properties": {
            "section": ".noinstr.text",
            "sectionOffset": "0x0",
            "callee": "instrumented_helper"
          }
        },
        {
          "ruleId": "noinstr-call",
          "ruleIndex": 0,
          "level": "warning",
          "message": {
            "text": "call to instrumented_helper() leaves .noinstr.text section"
          },
          "locations": [
            {
              "physicalLocation": {
                "artifactLocation": {
                  "uri": "tests/fixtures/noinstr_bad.S"
                },
                "region": {
                  "startLine": 28
                }
              },
              "logicalLocations": [
                {
                  "fullyQualifiedName": "bad_tail_call+0x4",
                  "kind": "function"
                }
              ]
            }
          ],
          "partialFingerprints": {
            "istcheckFingerprint/v1": "ec8c254209752603"
          },
          "codeFlows": [
            {
              "threadFlows": [
                {
                  "locations": [
                    {
                      "location": {
                        "message": {
                          "text": "entry bad_tail_call"
                        },
                        "logicalLocations": [
                          {
                            "fullyQualifiedName": "bad_tail_call+0x0",
                            "kind": "function"
                          }
                        ]
                      }
                    },
                    {
                      "location": {
                        "message": {
                          "text": "not-taken"
                        },
                        "logicalLocations": [
                          {
                            "fullyQualifiedName": "bad_tail_call+0x2",
                            "kind": "function"
                          }
                        ]
                      }
                    },
                    {
                      "location": {
                        "message": {
                          "text": "tail call instrumented_helper"
                        },
                        "logicalLocations": [
                          {
                            "fullyQualifiedName": "bad_tail_call+0x4",
                            "kind": "function"
                          }
                        ]
                      }
                    }
                  ]
                }
              ]
            }
          ],
          "properties": {
            "section": ".noinstr.text",
            "sectionOffset": "0x1a",
            "callee": "instrumented_helper"
          }
        },
        {
          "ruleId": "noinstr-indirect",
          "ruleIndex": 1,
          "level": "warning",
          "message": {
            "text": "indirect call in noinstr code"
          },
          "locations": [
            {
              "physicalLocation": {
                "artifactLocation": {
                  "uri": "tests/fixtures/noinstr_bad.S"
                },
                "region": {
                  "startLine": 34
                }
              },
              "logicalLocations": [
                {
                  "fullyQualifiedName": "bad_indirect+0x0",
                  "kind": "function"
                }
              ]
            }
          ],
          "partialFingerprints": {
            "istcheckFingerprint/v1": "5536a2f845f09305"
          },
          "codeFlows": [
            {
              "threadFlows": [
                {
                  "locations": [
                    {
                      "location": {
                        "message": {
                          "text": "entry bad_indirect"
                        },
                        "logicalLocations": [
                          {
                            "fullyQualifiedName": "bad_indirect+0x0",
                            "kind": "function"
                          }
                        ]
                      }
                    },
                    {
                      "location": {
                        "message": {
                          "text": "indirect call"
                        },
                        "logicalLocations": [
                          {
                            "fullyQualifiedName": "bad_indirect+0x0",
                            "kind": "function"
                          }
                        ]
                      }
                    }
                  ]
                }
              ]
            }
          ],
          "properties": {
            "section": ".noinstr.text",
            "sectionOffset": "0x24",
            "callee": "{dynamic}"
          }
        },
        {
          "ruleId": "noinstr-indirect",
          "ruleIndex": 1,
          "level": "warning",
          "message": {
            "text": "indirect call in noinstr code"
          },
          "locations": [
            {
              "physicalLocation": {
                "artifactLocation": {
                  "uri": "tests/fixtures/noinstr_bad.S"
                },
                "region": {
                  "startLine": 35
                }
              },
              "logicalLocations": [
                {
                  "fullyQualifiedName": "bad_indirect+0x5",
                  "kind": "function"
                }
              ]
            }
          ],
          "partialFingerprints": {
            "istcheckFingerprint/v1": "f5fa363bc1fdae44"
          },
          "codeFlows": [
            {
              "threadFlows": [
                {
                  "locations": [
                    {
                      "location": {
                        "message": {
                          "text": "entry bad_indirect"
                        },
                        "logicalLocations": [
                          {
                            "fullyQualifiedName": "bad_indirect+0x0",
                            "kind": "function"
                          }
                        ]
                      }
                    },
                    {
                      "location": {
                        "message": {
                          "text": "indirect call"
                        },
                        "logicalLocations": [
                          {
                            "fullyQualifiedName": "bad_indirect+0x5",
                            "kind": "function"
                          }
                        ]
                      }
                    }
                  ]
                }
              ]
            }
          ],
          "properties": {
            "section": ".noinstr.text",
            "sectionOffset": "0x29",
            "callee": "{dynamic}"
          }
        },
        {
          "ruleId": "noinstr-balance",
          "ruleIndex": 2,
          "level": "warning",
          "message": {
            "text": "return with instrumentation enabled (depth 1)"
          },
          "locations": [
            {
              "physicalLocation": {
                "artifactLocation": {
                  "uri": "tests/fixtures/noinstr_bad.S"
                },
                "region": {
                  "startLine": 45
                }
              },
              "logicalLocations": [
                {
                  "fullyQualifiedName": "bad_return_in_region+0x6",
                  "kind": "function"
                }
              ]
            }
          ],
          "partialFingerprints": {
            "istcheckFingerprint/v1": "df3488258b9fc017"
          },
          "codeFlows": [
            {
              "threadFlows": [
                {
                  "locations": [
                    {
                      "location": {
                        "message": {
                          "text": "entry bad_return_in_region"
                        },
                        "logicalLocations": [
                          {
                            "fullyQualifiedName": "bad_return_in_region+0x0",
                            "kind": "function"
                          }
                        ]
                      }
                    },
                    {
                      "location": {
                        "message": {
                          "text": "taken"
                        },
                        "logicalLocations": [
                          {
                            "fullyQualifiedName": "bad_return_in_region+0x3",
                            "kind": "function"
                          }
                        ]
                      }
                    },
                    {
                      "location": {
                        "message": {
                          "text": "return with instrumentation enabled"
                        },
                        "logicalLocations": [
                          {
                            "fullyQualifiedName": "bad_return_in_region+0x6",
                            "kind": "function"
                          }
                        ]
                      }
                    }
                  ]
                }
              ]
            }
          ],
          "properties": {
            "section": ".noinstr.text",
            "sectionOffset": "0x36"
          }
        },
        {
          "ruleId": "noinstr-balance",
          "ruleIndex": 2,
          "level": "warning",
          "message": {
            "text": "instrumentation_end() without instrumentation_begin() (depth -1)"
          },
          "locations": [
            {
              "physicalLocation": {
                "artifactLocation": {
                  "uri": "tests/fixtures/noinstr_bad.S"
                },
                "region": {
                  "startLine": 54
                }
              },
              "logicalLocations": [
                {
                  "fullyQualifiedName": "bad_end_without_begin+0xa",
                  "kind": "function"
                }
              ]
            }
          ],
          "partialFingerprints": {
            "istcheckFingerprint/v1": "ac9909013a04ec3f"
          },
          "codeFlows": [
            {
              "threadFlows": [
                {
                  "locations": [
                    {
                      "location": {
                        "message": {
                          "text": "entry bad_end_without_begin"
                        },
                        "logicalLocations": [
                          {
                            "fullyQualifiedName": "bad_end_without_begin+0x0",
                            "kind": "function"
                          }
                        ]
                      }
                    },
                    {
                      "location": {
                        "message": {
                          "text": "taken"
                        },
                        "logicalLocations": [
                          {
                            "fullyQualifiedName": "bad_end_without_begin+0x2",
                            "kind": "function"
                          }
                        ]
                      }
                    },
                    {
                      "location": {
                        "message": {
                          "text": "instrumentation_end() without instrumentation_begin()"
                        },
                        "logicalLocations": [
                          {
                            "fullyQualifiedName": "bad_end_without_begin+0xa",
                            "kind": "function"
                          }
                        ]
                      }
                    }
                  ]
                }
              ]
            }
          ],
          "properties": {
            "section": ".noinstr.text",
            "sectionOffset": "0x45"
          }
        },
        {
          "ruleId": "noinstr-balance",
          "ruleIndex": 2,
          "level": "warning",
          "message": {
            "text": "instrumentation depth changes on every turn of a loop (depth 4)"
          },
          "locations": [
            {
              "physicalLocation": {
                "artifactLocation": {
                  "uri": "tests/fixtures/noinstr_bad.S"
                },
                "region": {
                  "startLine": 62
                }
              },
              "logicalLocations": [
                {
                  "fullyQualifiedName": "bad_loop+0x3",
                  "kind": "function"
                }
              ]
            }
          ],
          "partialFingerprints": {
            "istcheckFingerprint/v1": "53470045ea0364d8"
          },
          "codeFlows": [
            {
              "threadFlows": [
                {
                  "locations": [
                    {
                      "location": {
                        "message": {
                          "text": "entry bad_loop"
                        },
                        "logicalLocations": [
                          {
                            "fullyQualifiedName": "bad_loop+0x0",
                            "kind": "function"
                          }
                        ]
                      }
                    },
                    {
                      "location": {
                        "message": {
                          "text": "taken"
                        },
                        "logicalLocations": [
                          {
                            "fullyQualifiedName": "bad_loop+0x3",
                            "kind": "function"
                          }
                        ]
                      }
                    },
                    {
                      "location": {
                        "message": {
                          "text": "taken"
                        },
                        "logicalLocations": [
                          {
                            "fullyQualifiedName": "bad_loop+0x3",
                            "kind": "function"
                          }
                        ]
                      }
                    },
                    {
                      "location": {
                        "message": {
                          "text": "taken"
                        },
                        "logicalLocations": [
                          {
                            "fullyQualifiedName": "bad_loop+0x3",
                            "kind": "function"
                          }
                        ]
                      }
                    },
                    {
                      "location": {
                        "message": {
                          "text": "instrumentation depth changes on every turn of a loop"
                        },
                        "logicalLocations": [
                          {
                            "fullyQualifiedName": "bad_loop+0x3",
                            "kind": "function"
                          }
                        ]
                      }
                    }
                  ]
                }
              ]
            }
          ],
          "properties": {
            "section": ".noinstr.text",
            "sectionOffset": "0x4e"
          }
        },
        {
          "ruleId": "noinstr-balance",
          "ruleIndex": 2,
          "level": "warning",
          "message": {
            "text": "return with instrumentation enabled (depth 1)"
          },
          "locations": [
            {
              "physicalLocation": {
                "artifactLocation": {
                  "uri": "tests/fixtures/noinstr_bad.S"
                },
                "region": {
                  "startLine": 63
                }
              },
              "logicalLocations": [
                {
                  "fullyQualifiedName": "bad_loop+0x5",
                  "kind": "function"
                }
              ]
            }
          ],
          "partialFingerprints": {
            "istcheckFingerprint/v1": "83d48e5cfbcee531"
          },
          "codeFlows": [
            {
              "threadFlows": [
                {
                  "locations": [
                    {
                      "location": {
                        "message": {
                          "text": "entry bad_loop"
                        },
                        "logicalLocations": [
                          {
                            "fullyQualifiedName": "bad_loop+0x0",
                            "kind": "function"
                          }
                        ]
                      }
                    },
                    {
                      "location": {
                        "message": {
                          "text": "not-taken"
                        },
                        "logicalLocations": [
                          {
                            "fullyQualifiedName": "bad_loop+0x3",
                            "kind": "function"
                          }
                        ]
                      }
                    },
                    {
                      "location": {
                        "message": {
                          "text": "return with instrumentation enabled"
                        },
                        "logicalLocations": [
                          {
                            "fullyQualifiedName": "bad_loop+0x5",
                            "kind": "function"
                          }
                        ]
                      }
                    }
                  ]
                }
              ]
            }
          ],
          "properties": {
            "section": ".noinstr.text",
            "sectionOffset": "0x50"
          }
        },
        {
          "ruleId": "noinstr-call",
          "ruleIndex": 0,
          "level": "warning",
          "message": {
            "text": "call to instrumented_helper() leaves .noinstr.text section"
          },
          "locations": [
            {
              "physicalLocation": {
                "artifactLocation": {
                  "uri": "tests/fixtures/noinstr_bad.S"
                },
                "region": {
                  "startLine": 85
                }
              },
              "logicalLocations": [
                {
                  "fullyQualifiedName": "bad_nonstandard+0x0",
                  "kind": "function"
                }
              ]
            }
          ],
          "partialFingerprints": {
            "istcheckFingerprint/v1": "51edf667eaa850b1"
          },
          "codeFlows": [
            {
              "threadFlows": [
                {
                  "locations": [
                    {
                      "location": {
                        "message": {
                          "text": "entry bad_nonstandard"
                        },
                        "logicalLocations": [
                          {
                            "fullyQualifiedName": "bad_nonstandard+0x0",
                            "kind": "function"
                          }
                        ]
                      }
                    },
                    {
                      "location": {
                        "message": {
                          "text": "call instrumented_helper"
                        },
                        "logicalLocations": [
                          {
                            "fullyQualifiedName": "bad_nonstandard+0x0",
                            "kind": "function"
                          }
                        ]
                      }
                    }
                  ]
                }
              ]
            }
          ],
          "properties": {
            "section": ".noinstr.text",
            "sectionOffset": "0x6b",
            "callee": "instrumented_helper"
          }
        }
      ]
    }
  ]
}
