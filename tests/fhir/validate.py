"""Validates a FHIR Bundle (JSON, the file named first) against the R4B
models of the fhir.resources package, which check every element's type,
cardinality and value set binding of the required codes, and prints one
JSON object: the count of each kind of resource, of pain ratings (LOINC
72514-3 with "exercise session" in code.text), and of measure
Observations (those whose code.text starts "Outcome measure"). Exits 1
with the validator's message when the Bundle is not valid."""
import collections
import json
import sys

from fhir.resources.R4B.bundle import Bundle

text = open(sys.argv[1], encoding="utf-8").read()
try:
    bundle = Bundle.model_validate_json(text)
except Exception as err:  # the validator's message says where
    print(f"not a valid FHIR R4B Bundle: {err}", file=sys.stderr)
    sys.exit(1)
counts = collections.Counter()
for entry in bundle.entry or []:
    resource = entry.resource
    kind = resource.get_resource_type()
    counts[kind] += 1
    if kind == "Observation":
        codes = [c.code for c in (resource.code.coding or [])]
        words = resource.code.text or ""
        if "72514-3" in codes and "exercise session" in words:
            counts["pain_rating"] += 1
        if words.startswith("Outcome measure"):
            counts["measure"] += 1
print(json.dumps({"type": bundle.type, **counts}))
