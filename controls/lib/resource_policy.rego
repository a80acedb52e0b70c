# Resource policies (SNS topics, SQS queues, ECR repositories, EFS file systems, secrets,
# KMS keys, Glacier vaults): which statements let anyone in, named for a finding's
# reason. What "anyone" means is iam.rego's public_in_document (conditions
# and fencing Denies in iam_conditions.rego); this file only describes the statements it selects.
package parapet.lib.resource_policy

import rego.v1

import data.parapet.lib.iam
import data.parapet.lib.util

# "<statement> (<actions>)" for every statement of the document open to everyone.
public_grants(doc) := [grant |
	some i, st in iam.statements(doc)
	iam.public_in_document(doc, st)
	grant := sprintf("%s (%s)", [statement_label(st, i), actions_text(st)])
] if is_object(doc)

public_grants(doc) := [] if not is_object(doc)

# A policy the API returned but that is not a JSON object (the collector keeps the raw
# text): nothing can be said about it.
unreadable(doc) if {
	doc != null
	not is_object(doc)
}

# The statement's Sid, or its 1-based position when it has none.
statement_label(st, _) := concat("", ["statement \"", st.Sid, "\""]) if named(st)

statement_label(st, i) := sprintf("statement #%d", [i + 1]) if not named(st)

named(st) if {
	is_string(st.Sid)
	st.Sid != ""
}

actions_text(st) := concat(", ", [sprintf("%v", [a]) | some a in util.as_list(st.Action)]) if "Action" in object.keys(st)

actions_text(st) := sprintf("every action except %s", [concat(", ", [sprintf("%v", [a]) | some a in util.as_list(st.NotAction)])]) if {
	not "Action" in object.keys(st)
	"NotAction" in object.keys(st)
}

actions_text(st) := "no action named" if {
	not "Action" in object.keys(st)
	not "NotAction" in object.keys(st)
}

# The verdict of a "not publicly accessible" control on one resource policy: no policy
# and a policy without an open statement pass.
status(doc) := "PASS" if doc == null

status(doc) := "ERROR" if unreadable(doc)

status(doc) := "PASS" if {
	is_object(doc)
	count(public_grants(doc)) == 0
}

status(doc) := "FAIL" if count(public_grants(doc)) > 0

# "<what> <name> ..." for each status.
reason(what, name, doc) := sprintf("%s %s has no resource policy", [what, name]) if doc == null

reason(what, name, doc) := sprintf("%s %s: its resource policy is not a JSON document", [what, name]) if unreadable(doc)

reason(what, name, doc) := sprintf("%s %s has no policy statement open to everyone", [what, name]) if {
	is_object(doc)
	count(public_grants(doc)) == 0
}

reason(what, name, doc) := sprintf("%s %s can be used by anyone through %s", [what, name, concat("; ", public_grants(doc))]) if count(public_grants(doc)) > 0
