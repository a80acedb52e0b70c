# IAM policy analysis shared by controls that read policy documents (managed,
# inline, role trust, resource policies).
package parapet.lib.iam

import rego.v1

import data.parapet.lib.util

# A document's statements as a list: IAM accepts one statement object or a list,
# and a missing or null document has none.
statements(doc) := util.as_list(object.get(doc, "Statement", [])) if is_object(doc)

statements(doc) := [] if not is_object(doc)

# Action patterns that match every action of every service.
all_actions := {"*", "*:*"}

# Effect values are case-sensitive in IAM: only "Allow" grants.
allows(st) if st.Effect == "Allow"

# The statement's Action covers every action.
grants_all_actions(st) if {
	some action in util.as_list(st.Action)
	action in all_actions
}

# NotAction with Allow grants every action except the listed ones, which is
# still full administration for practical purposes. A NotAction that itself
# names `*` excludes everything and grants nothing.
grants_all_actions(st) if {
	not "Action" in object.keys(st)
	"NotAction" in object.keys(st)
	every action in util.as_list(st.NotAction) {
		not action in all_actions
	}
}

# The statement's Resource includes `*`, or it uses NotResource (every resource
# except the listed ones).
covers_all_resources(st) if "*" in util.as_list(st.Resource)

covers_all_resources(st) if {
	not "Resource" in object.keys(st)
	"NotResource" in object.keys(st)
	every resource in util.as_list(st.NotResource) {
		resource != "*"
	}
}

# An Allow of every action on every resource. A Condition does not change the
# verdict: whoever meets it (an MFA session, a source IP, a tag) still holds full
# control, and the CIS definition of administrative privileges ignores conditions.
is_admin_statement(st) if {
	allows(st)
	grants_all_actions(st)
	covers_all_resources(st)
}

# The statements of a document that grant full administrative privileges.
admin_statements(doc) := [st | some st in statements(doc); is_admin_statement(st)]

# True when any statement of the document grants full administrative privileges.
# Deny statements are not subtracted: a policy that allows `*` and denies a few
# actions still hands out nearly everything.
is_admin_document(doc) if count(admin_statements(doc)) > 0

# AWS-managed policy ARNs live in the `aws` account of any partition
# (arn:aws:iam::aws:policy/..., arn:aws-us-gov:iam::aws:policy/...).
is_aws_managed_policy_arn(arn) if {
	parts := split(arn, ":")
	count(parts) >= 6
	parts[2] == "iam"
	parts[4] == "aws"
	startswith(parts[5], "policy/")
}

# The two access-key slots of a credential report row (see docs/resources.md),
# as [{"number", "active", "last_used", "last_rotated"}]; `last_rotated` is when the
# key was created or last rotated, and a null `last_used` means never used.
access_keys(row) := [key |
	some n in [1, 2]
	prefix := sprintf("access_key_%d_", [n])
	key := {
		"number": n,
		"active": object.get(row, concat("", [prefix, "active"]), false) == true,
		"last_used": object.get(row, concat("", [prefix, "last_used_date"]), null),
		"last_rotated": object.get(row, concat("", [prefix, "last_rotated"]), null),
	}
] if is_object(row)

# The active access keys of a credential report row.
active_access_keys(row) := [key | some key in access_keys(row); key.active] if is_object(row)
