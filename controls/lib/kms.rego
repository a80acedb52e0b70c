# Nitro Enclaves attestation in KMS key policies. A statement that tests a
# `kms:RecipientAttestation:*` condition key releases key material only to an enclave
# whose signed attestation document carries the expected measurements: ImageSha384 and
# PCR0 (the enclave image), PCR1/PCR2 (kernel, application), PCR3 (the parent instance's
# IAM role), PCR4 (the parent instance), PCR8 (the image's signing certificate).
package parapet.lib.kms

import rego.v1

import data.parapet.lib.iam
import data.parapet.lib.util

attestation_prefix := "kms:recipientattestation:"

# The operations KMS checks an attestation document for.
recipient_actions := ["kms:Decrypt", "kms:GenerateDataKey", "kms:GenerateDataKeyPair", "kms:GenerateRandom", "kms:DeriveSharedSecret"]

# Every attestation test of a statement as {"operator", "measure" ("imagesha384",
# "pcr0", ...), "values", "required"}. A Null test is not a measurement: it only says
# whether the key must be present ("required": the statement has Null key = false).
attestation_tests(st) := [t |
	some operator, block in object.get(st, "Condition", {})
	lower(operator) != "null"
	is_object(block)
	some key, values in block
	startswith(lower(key), attestation_prefix)
	t := {
		"operator": operator,
		"measure": substring(lower(key), count(attestation_prefix), -1),
		"values": util.as_list(values),
		"required": key_required(st, key),
	}
]

# The Allow statements of a key policy that test attestation.
enclave_statements(doc) := [st |
	some st in iam.statements(doc)
	iam.allows(st)
	count(attestation_tests(st)) > 0
]

uses_attestation(doc) if count(enclave_statements(doc)) > 0

# The same for the key under evaluation, as rules without arguments reading `input`: each
# is evaluated once per resource and the enclave controls share it, where the functions
# above run again at every call. Each element: {"st": statement, "tests": its attestation
# tests}.
key_enclave_statements := [{"st": st, "tests": tests} |
	some st in iam.statements(input.resource.attributes.policy)
	iam.allows(st)
	tests := attestation_tests(st)
	count(tests) > 0
]

key_uses_attestation if count(key_enclave_statements) > 0

# How a statement is named in reasons.
label(st) := sprintf("statement %s", [st.Sid]) if {
	is_string(st.Sid)
	st.Sid != ""
} else := "a statement without Sid"

# A test that a request without the attestation document also passes (`...IfExists`), or
# that admits everything but the listed values (negated operators).
weak_operator(op) if endswith(lower(op), "ifexists")

weak_operator(op) if contains(lower(op), "not")

# Two rules rather than `else`: regorus's RVM can skip an `else` after an iterating body.
key_required(st, key) := true if iam.null_guarded(st, key)

key_required(st, key) := false if not iam.null_guarded(st, key)

# A test a request without the attestation document passes: a weak operator, or
# `ForAllValues:`, which is vacuously true on a missing key unless a Null guard
# requires the key.
weak_test(t) if weak_operator(t.operator)

weak_test(t) if {
	startswith(lower(t.operator), "forallvalues:")
	not t.required
}

# A test that pins a measurement to concrete values.
pins(t) if {
	not weak_test(t)
	count(t.values) > 0
	every v in t.values {
		is_string(v)
		not contains(v, "*")
		not contains(v, "?")
	}
}

# The measures a statement pins.
pinned_measures(st) := {t.measure | some t in attestation_tests(st); pins(t)}

# Every measurement value of a policy's attestation tests.
measurement_values(doc) := {v |
	some st in enclave_statements(doc)
	some t in attestation_tests(st)
	some v in t.values
}

# A SHA-384 measurement is 96 hexadecimal characters.
well_formed(v) if regex.match(`^[0-9a-fA-F]{96}$`, v)

# Debug-mode enclaves report every PCR as zeros.
debug_measurement(v) if regex.match(`^0+$`, v)

# The statement releases key material through one of the attested operations.
grants_recipient_action(st) if {
	some a in recipient_actions
	iam.statement_covers_action(st, a)
}

# The account's own root principal (the statement that delegates to IAM policies).
own_root(p, account) if p == sprintf("arn:aws:iam::%s:root", [account])

own_root(p, account) if p == account

only_own_root(st, account) if {
	is_object(st.Principal)
	values := util.as_list(st.Principal.AWS)
	count(values) > 0
	count(object.keys(st.Principal)) == 1
	every p in values {
		own_root(p, account)
	}
}

# Allow statements that release key material without any attestation test, other than
# the account root's delegation to IAM.
unattested_grants(doc, account) := [st |
	some st in iam.statements(doc)
	iam.allows(st)
	count(attestation_tests(st)) == 0
	grants_recipient_action(st)
	not only_own_root(st, account)
]
