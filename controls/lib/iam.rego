# IAM policy analysis shared by controls that read policy documents (managed,
# inline, role trust, resource policies): the one place that answers "admin?", "full
# access to a service?", "public?" and "cross-account?". Which conditions restrict an open
# principal is in iam_conditions.rego (same package); the definitions and their AWS
# sources are in docs/accuracy.md, the test table in iam_semantics_test.rego.
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

# A Resource pattern that matches every resource: `*`, `*:*`, `arn:*`, `arn:aws:*`,
# `arn:aws:*:*:*:*` and the like (a partition, then only wildcards). `*` in a resource
# pattern also matches `:`, so each of these covers every ARN.
all_resource_pattern(p) if {
	is_string(p)
	parts := split(p, ":")
	every part in parts {
		part == "*"
	}
}

all_resource_pattern(p) if {
	is_string(p)
	parts := split(p, ":")
	count(parts) >= 2
	parts[0] == "arn"
	every i, part in parts {
		all_resource_part(i, part)
	}
}

all_resource_part(i, _) if i == 0

all_resource_part(1, part) if part == "*"

all_resource_part(1, part) if regex.match(`^aws(-[a-z-]+)?$`, part)

all_resource_part(i, part) if {
	i > 1
	part == "*"
}

# The statement's Resource includes an every-resource pattern, or it uses NotResource
# (every resource except the listed ones).
covers_all_resources(st) if {
	some p in util.as_list(st.Resource)
	all_resource_pattern(p)
}

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

# The statements of a document that grant full administrative privileges, unless an
# unconditional Deny of every action on every resource cancels them (a Deny always wins).
admin_statements(doc) := [st |
	some st in statements(doc)
	is_admin_statement(st)
] if not denies_whole_scope(doc, "*")

admin_statements(doc) := [] if denies_whole_scope(doc, "*")

# True when the document grants full administrative privileges. Only a Deny of the
# whole scope cancels the grant: a policy that allows `*` and denies a few actions still
# hands out nearly everything, and a short deny list is an easy way to hide that.
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

# --- Wildcard patterns ---
# A policy pattern is literal text plus `*` (any run) and `?` (one character). Every other
# regex metacharacter is escaped first, so a resource such as `.../${aws:username}/*` or
# an action holding `|` or `(` matches as IAM reads it instead of as a regex (or not at all).

wildcard_regex(pattern) := concat("", ["^", replace(replace(regex.replace(pattern, `[.+()|\[\]{}^$\\]`, `\$0`), "*", ".*"), "?", "."), "$"])

# --- Action matching ---
# IAM action names are case-insensitive and patterns may use `*` and `?`.

action_matches(pattern, action) if regex.match(wildcard_regex(lower(pattern)), lower(action))

# The statement names `action` through Action, or leaves it out of a NotAction list.
statement_covers_action(st, action) if {
	some pattern in util.as_list(st.Action)
	action_matches(pattern, action)
}

statement_covers_action(st, action) if {
	not "Action" in object.keys(st)
	"NotAction" in object.keys(st)
	every pattern in util.as_list(st.NotAction) {
		not action_matches(pattern, action)
	}
}

# A Deny that always applies: every resource and no Condition. Conditional or
# resource-scoped denies are not subtracted, because whether they apply depends on the
# request; treating them as absent errs towards reporting the grant.
unconditional_deny(st, action) if {
	st.Effect == "Deny"
	not st.Condition
	covers_all_resources(st)
	statement_covers_action(st, action)
}

# The document allows `action` (on some resource) and does not deny it outright.
allows_action(doc, action) if {
	some st in statements(doc)
	allows(st)
	statement_covers_action(st, action)
	not denied(doc, action)
}

denied(doc, action) if {
	some st in statements(doc)
	unconditional_deny(st, action)
}

# --- Full access to one service ---
# Every action of `service` (`kms`, `cloudtrail`) on every resource: `*`, `kms:*`, or a
# NotAction list that leaves the service's wildcard in. `kms:Get*` and friends are not
# full access.
grants_service_wildcard(st, service) if {
	allows(st)
	covers_all_service_resources(st, service)
	statement_covers_action(st, sprintf("%s:*", [service]))
}

# Every resource, or every resource of `service` (`arn:aws:kms:*:*:*`, `arn:aws:kms:*`).
covers_all_service_resources(st, _) if covers_all_resources(st)

covers_all_service_resources(st, service) if {
	some p in util.as_list(st.Resource)
	is_string(p)
	parts := split(p, ":")
	count(parts) >= 3
	parts[0] == "arn"
	all_resource_part(1, parts[1])
	lower(parts[2]) == lower(service)
	every part in array.slice(parts, 3, count(parts)) {
		part == "*"
	}
}

# Cancelled, like admin_statements, only by an unconditional Deny of the whole service.
service_wildcard_statements(doc, service) := [st |
	some st in statements(doc)
	grants_service_wildcard(st, service)
] if not denies_whole_scope(doc, service)

service_wildcard_statements(doc, service) := [] if denies_whole_scope(doc, service)

# An unconditional Deny on every resource of every action of `scope` (`*` for all
# services, or a service prefix such as `kms`).
denies_whole_scope(doc, scope) if {
	some st in statements(doc)
	st.Effect == "Deny"
	not st.Condition
	covers_all_resources(st)
	action_set_covers_scope(st, scope)
}

scope_probe(scope) := "*" if scope == "*"

scope_probe(scope) := sprintf("%s:*", [lower(scope)]) if scope != "*"

# An Action pattern ending in `*` that matches the scope's own wildcard covers all of it
# (`*`, `kms:*`, `km*`); a NotAction covers it when none of its patterns could match an
# action of the scope.
action_set_covers_scope(st, _) if {
	some p in util.as_list(st.Action)
	p in all_actions
}

action_set_covers_scope(st, scope) if {
	some p in util.as_list(st.Action)
	endswith(p, "*")
	action_matches(p, scope_probe(scope))
}

action_set_covers_scope(st, scope) if {
	scope != "*"
	not "Action" in object.keys(st)
	"NotAction" in object.keys(st)
	every p in util.as_list(st.NotAction) {
		not startswith(lower(p), sprintf("%s:", [lower(scope)]))
		not action_matches(p, scope_probe(scope))
		not action_matches(scope_probe(scope), p)
	}
}

# Privilege escalation is iam_escalation.rego's table.

# --- Principals of resource policies ---
# What "public" and "cross-account" mean is explained in docs/accuracy.md; the
# conditions that restrict an open principal are in iam_conditions.rego.

principal_keys := {"aws", "service", "federated", "canonicaluser"}

# Every principal value of a statement's Principal: "*" or the values under AWS,
# Service, Federated and CanonicalUser (key names compared in lower case).
principal_values(p) := {"*"} if p == "*"

principal_values(p) := {v |
	some key, values in p
	lower(key) in principal_keys
	some v in util.as_list(values)
} if is_object(p)

principal_values(p) := set() if {
	not is_object(p)
	p != "*"
}

public_principal(p) if "*" in principal_values(p)

# Every account's root (`arn:aws:iam::*:root`): some services accept the wildcard account.
public_principal(p) if {
	some v in principal_values(p)
	is_string(v)
	regex.match(`^arn:[^:]*:iam::\*:`, v)
}

# An Allow any anonymous or unknown caller can use, unless a condition pins the caller:
# a `*` principal, or a NotPrincipal, which grants everyone except the listed principals
# (treated as everyone: the exceptions are a handful of known identities).
public_statement(st) if {
	allows(st)
	open_principal(st)
	not caller_restricted(st)
}

open_principal(st) if public_principal(object.get(st, "Principal", null))

open_principal(st) if "NotPrincipal" in object.keys(st)

public_statements(doc) := [st | some st in statements(doc); public_in_document(doc, st)]

# An open Allow of the document that no Deny of the same document fences in (see
# `fenced_by_deny` in iam_conditions.rego): what "public?" asks of a whole policy.
public_in_document(doc, st) if {
	public_statement(st)
	not fenced_by_deny(doc, st)
}

# The 12-digit accounts a principal value names (account ids and ARNs); service and
# federated principals name none.
account_of(v) := v if regex.match(`^[0-9]{12}$`, v)

account_of(v) := parts[4] if {
	startswith(v, "arn:")
	parts := split(v, ":")
	count(parts) >= 6
	regex.match(`^[0-9]{12}$`, parts[4])
}

principal_accounts(p) := {a |
	some key, values in p
	lower(key) == "aws"
	some v in util.as_list(values)
	a := account_of(v)
} if is_object(p)

principal_accounts(p) := set() if not is_object(p)

# Accounts other than `own` that an Allow statement of the document lets in, with "*"
# standing for every account: an unrestricted public statement is cross-account access
# whatever else it lists. A condition does not make a named account less foreign; an open
# principal pinned by aws:PrincipalAccount / aws:SourceAccount lets in the pinned
# accounts. An open principal pinned only by organization, VPC, IP or source resource is
# not counted (the organization's accounts are not known here).
foreign_accounts(doc, own) := named_foreign_accounts(doc, own) | {"*" | count(public_statements(doc)) > 0}

named_foreign_accounts(doc, own) := {a |
	some st in statements(doc)
	allows(st)
	some a in statement_accounts(st)
	a != own
}

statement_accounts(st) := principal_accounts(object.get(st, "Principal", null)) | pinned_accounts(st)

pinned_accounts(st) := condition_accounts(st) if open_principal(st)

pinned_accounts(st) := set() if not open_principal(st)

# --- AWS Marketplace subscriptions ---
# Allowing aws-marketplace:Subscribe on every product, with no Condition narrowing it
# (for example to approved aws-marketplace:ProductId values), lets holders buy any
# third-party software into the account.
wildcard_marketplace_subscribe_statements(doc) := [st |
	some st in statements(doc)
	allows(st)
	statement_covers_action(st, "aws-marketplace:Subscribe")
	covers_all_resources_or_unscoped(st)
	not pins_marketplace_products(st)
] if not denied(doc, "aws-marketplace:Subscribe")

wildcard_marketplace_subscribe_statements(doc) := [] if denied(doc, "aws-marketplace:Subscribe")

# A Subscribe grant limited to named products: a narrowing operator (not ...IfExists) on
# aws-marketplace:ProductId whose values are all fixed (AWS Marketplace Buyer Guide,
# "Controlling access to AWS Marketplace subscriptions", uses ForAllValues:StringEquals;
# a Subscribe request always carries the product ids, so no Null guard is needed). Any
# other condition (aws:SecureTransport, a tag, a source IP) leaves every product open.
pins_marketplace_products(st) if {
	some op, clause in condition_of(st)
	is_object(clause)
	some key, value in clause
	lower(key) == "aws-marketplace:productid"
	not if_exists_operator(op)
	base_operator(op) in {"stringequals", "stringequalsignorecase", "stringlike"}
	values := util.as_list(value)
	count(values) > 0
	every v in values {
		is_string(v)
		not has_wildcard(v)
	}
}

# Marketplace statements often omit Resource; IAM then rejects them, but treat a
# missing Resource like `*` so a malformed document is not mistaken for a narrow one.
covers_all_resources_or_unscoped(st) if covers_all_resources(st)

covers_all_resources_or_unscoped(st) if {
	not "Resource" in object.keys(st)
	not "NotResource" in object.keys(st)
}

# --- Resource matching ---
# Resource ARNs in policies are case-sensitive and may use `*` and `?`.

resource_matches(pattern, arn) if regex.match(wildcard_regex(pattern), arn)

# The statement applies to `arn` (a missing Resource counts as every resource, so a
# malformed document is not mistaken for a narrow one).
statement_covers_resource(st, arn) if {
	some pattern in util.as_list(st.Resource)
	resource_matches(pattern, arn)
}

statement_covers_resource(st, arn) if {
	not "Resource" in object.keys(st)
	not "NotResource" in object.keys(st)
}

statement_covers_resource(st, arn) if {
	not "Resource" in object.keys(st)
	"NotResource" in object.keys(st)
	every pattern in util.as_list(st.NotResource) {
		not resource_matches(pattern, arn)
	}
}
