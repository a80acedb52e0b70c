# When a policy Condition keeps an anonymous or unknown caller out. Part of
# `parapet.lib.iam` (see iam.rego); the definition and its sources are in
# docs/accuracy.md ("Public").
#
# A statement open to everyone (`Principal: "*"`, NotPrincipal) is restricted only by a
# condition clause that pins the caller, or the network or resource it calls from, to
# fixed values: S3's meaning of "public" and IAM Access Analyzer use the same idea. A
# clause counts when all of these hold:
# - its key identifies the caller (account, organization, principal, source resource,
#   VPC, VPC endpoint, IP range);
# - its operator narrows (StringEquals, StringEqualsIgnoreCase, StringLike, ArnEquals,
#   ArnLike, IpAddress); negated operators, Null, Bool and `...IfExists` do not, because
#   a request without the key, or from anywhere else, also matches;
# - `ForAllValues:` counts only with a Null guard (`"Null": {key: "false"}`) in the same
#   statement: on a key the request lacks it is vacuously true;
# - every value is fixed in the part that identifies: no `*` or `?`, no policy variable;
#   for ARNs the account field (or, for S3-style ARNs without one, the resource name);
#   for IP ranges, the union of the CIDRs leaves part of the IPv4 or IPv6 space out.
# Clauses are ANDed, so one restricting clause restricts the statement.
package parapet.lib.iam

import rego.v1

import data.parapet.lib.util

# --- Operators ---
# `ForAllValues:StringLikeIfExists` -> qualifier "forallvalues", base "stringlike",
# if_exists. Operator and key names are compared in lower case.

set_qualifier(op) := parts[0] if {
	parts := split(lower(op), ":")
	count(parts) == 2
} else := ""

base_operator(op) := trim_suffix(parts[count(parts) - 1], "ifexists") if parts := split(lower(op), ":")

if_exists_operator(op) if endswith(lower(op), "ifexists")

narrowing_operators := {"stringequals", "stringequalsignorecase", "stringlike", "arnequals", "arnlike", "ipaddress"}

# --- Keys that identify the caller ---

# kms:CallerAccount is the calling principal's account, as aws:PrincipalAccount.
account_keys := {"aws:sourceaccount", "aws:sourceowner", "aws:principalaccount", "s3:dataaccesspointaccount", "kms:calleraccount"}

identifier_keys := {"aws:principalorgid", "aws:sourceorgid", "aws:sourcevpc", "aws:sourcevpce"}

org_path_keys := {"aws:principalorgpaths", "aws:sourceorgpaths"}

arn_keys := {"aws:sourcearn", "aws:principalarn", "s3:dataaccesspointarn"}

# Not here: lambda:FunctionUrlAuthType = AWS_IAM. With `Principal: "*"` it still admits
# a signed request from any principal of any AWS account whose own policies allow the
# call: that is every AWS customer, as public as S3's AuthenticatedUsers group.

# A condition value as text: strings as they are, integers (an account id written as a
# JSON number) in decimal. Anything else has no text and so never pins.
value_text(v) := v if is_string(v)

value_text(v) := format_int(v, 10) if {
	is_number(v)
	v == floor(v)
}

has_wildcard(s) if regex.match(`[*?]`, s)

has_wildcard(s) if contains(s, "${")

fixed_text(s) if {
	s != ""
	not has_wildcard(s)
}

# One value pins the caller for `key`.
pins_value(key, v) if {
	key in (account_keys | identifier_keys)
	fixed_text(value_text(v))
}

pins_value(key, v) if {
	key in org_path_keys
	fixed_text(split(value_text(v), "/")[0])
}

pins_value(key, v) if {
	key in arn_keys
	arn_identifies(value_text(v))
}

# An ARN pattern names one account (fixed account field) or, for ARNs without an account,
# one resource: an S3 bucket (fixed name before the first `/`, so objects may be
# wildcarded) or, for other services (Route 53 hosted zones...), a fully fixed resource.
arn_identifies(s) if {
	parts := split(s, ":")
	count(parts) >= 6
	parts[0] == "arn"
	fixed_text(parts[4])
}

arn_identifies(s) if {
	parts := split(s, ":")
	count(parts) >= 6
	parts[0] == "arn"
	parts[4] == ""
	fixed_text(account_less_name(parts[2], concat(":", array.slice(parts, 5, count(parts)))))
}

account_less_name(service, resource) := split(resource, "/")[0] if service == "s3"

account_less_name(service, resource) := resource if service != "s3"

# --- IP ranges ---

# A value as a CIDR: a bare address is a /32 or /128.
cidr_of(v) := s if {
	s := value_text(v)
	contains(s, "/")
	net.cidr_is_valid(s)
}

cidr_of(v) := concat("", [s, "/32"]) if {
	s := value_text(v)
	not contains(s, "/")
	not contains(s, ":")
	net.cidr_is_valid(concat("", [s, "/32"]))
}

cidr_of(v) := concat("", [s, "/128"]) if {
	s := value_text(v)
	not contains(s, "/")
	contains(s, ":")
	net.cidr_is_valid(concat("", [s, "/128"]))
}

prefix_bits(cidr) := to_number(split(cidr, "/")[1])

pow2(0) := 1

pow2(n) := product([2 | some _ in numbers.range(1, n)]) if n > 0

# Two CIDR blocks are either nested or disjoint, so the blocks not inside another one
# are disjoint and their sizes add up to the size of the union. A block written twice
# (or with host bits) is kept once: the larger text of two equal blocks is dropped.
inside_another(c, cidrs) if {
	some d in cidrs
	d != c
	net.cidr_contains(d, c)
	not net.cidr_contains(c, d)
}

inside_another(c, cidrs) if {
	some d in cidrs
	d < c
	net.cidr_contains(d, c)
	net.cidr_contains(c, d)
}

# The CIDRs of one family cover its whole address space.
family_covered(cidrs) if {
	count(cidrs) > 0
	outer := [c | some c in cidrs; not inside_another(c, cidrs)]
	sum([f | some c in outer; f := 1 / pow2(prefix_bits(c))]) >= 1
}

ip_ranges_open(values) if family_covered({c | some v in values; c := cidr_of(v); not contains(c, ":")})

ip_ranges_open(values) if family_covered({c | some v in values; c := cidr_of(v); contains(c, ":")})

# Every value is a valid address or CIDR and together they leave some callers out.
ip_ranges_pin(values) if {
	count(values) > 0
	every v in values {
		cidr_of(v)
	}
	not ip_ranges_open(values)
}

# --- Clauses ---

# A `ForAllValues:` clause counts only when the statement also requires the key.
qualifier_binds(st, op, key) if set_qualifier(op) in {"", "foranyvalue"}

qualifier_binds(st, op, key) if {
	set_qualifier(op) == "forallvalues"
	null_guarded(st, key)
}

null_guarded(st, key) if {
	some op, clause in condition_of(st)
	lower(op) == "null"
	is_object(clause)
	some k, v in clause
	lower(k) == lower(key)
	some x in util.as_list(v)
	lower(sprintf("%v", [x])) == "false"
}

condition_of(st) := c if {
	c := object.get(st, "Condition", {})
	is_object(c)
} else := {}

clause_restricts(st, op, key, value) if {
	not if_exists_operator(op)
	qualifier_binds(st, op, key)
	base := base_operator(op)
	base in narrowing_operators
	values := util.as_list(value)
	count(values) > 0
	values_pin(base, lower(key), values)
}

values_pin(base, key, values) if {
	base == "ipaddress"
	key == "aws:sourceip"
	ip_ranges_pin(values)
}

values_pin(base, key, values) if {
	base != "ipaddress"
	every v in values {
		pins_value(key, v)
	}
}

# The statement's Condition keeps callers who are not named out.
caller_restricted(st) if {
	some op, clause in condition_of(st)
	is_object(clause)
	some key, value in clause
	clause_restricts(st, op, key, value)
}

# The accounts a restricting clause pins the caller to (aws:PrincipalAccount,
# aws:SourceAccount, aws:SourceOwner with fixed values), for the cross-account question.
condition_accounts(st) := {a |
	some op, clause in condition_of(st)
	is_object(clause)
	some key, value in clause
	lower(key) in account_keys
	clause_restricts(st, op, key, value)
	some v in util.as_list(value)
	a := value_text(v)
}

# --- Deny unless pinned ---
# AWS's own pattern for "only from my VPC endpoint / organization / network": an open
# Allow plus a Deny to everyone whose every clause is a negated pin (`StringNotEquals
# aws:SourceVpce vpce-1a2b3c4d`). The Deny applies to every caller outside the pinned set
# (a request without the key matches a negated operator, so the anonymous caller is
# denied too), so the Allow reaches only the pinned callers. A Deny fences an Allow
# when it is open to everyone, covers every action and resource of the Allow, and each
# of its clauses is a negated pin; one other clause (e.g. `Bool aws:SecureTransport`)
# makes it apply to some requests only, and then it fences nothing.

negated_operators := {
	"stringnotequals": "stringequals",
	"stringnotequalsignorecase": "stringequalsignorecase",
	"stringnotlike": "stringlike",
	"arnnotequals": "arnequals",
	"arnnotlike": "arnlike",
	"notipaddress": "ipaddress",
}

negated_pin(op, key, value) if {
	set_qualifier(op) == ""
	positive := negated_operators[base_operator(op)]
	values := util.as_list(value)
	count(values) > 0
	values_pin(positive, lower(key), values)
}

every_clause_negated_pin(d) if {
	every op, clause in condition_of(d) {
		is_object(clause)
		count(clause) > 0
		every key, value in clause {
			negated_pin(op, key, value)
		}
	}
}

fenced_by_deny(doc, st) if {
	some d in statements(doc)
	d.Effect == "Deny"
	open_principal(d)
	not "NotPrincipal" in object.keys(d)
	deny_covers_actions(d, st)
	deny_covers_resources(d, st)
	every_clause_negated_pin(d)
}

deny_covers_actions(d, _) if {
	some p in util.as_list(d.Action)
	lower(p) in all_actions
}

deny_covers_actions(d, st) if {
	"Action" in object.keys(st)
	every a in util.as_list(st.Action) {
		some p in util.as_list(d.Action)
		action_matches(p, a)
	}
}

deny_covers_resources(d, _) if {
	some p in util.as_list(d.Resource)
	all_resource_pattern(p)
}

deny_covers_resources(d, st) if {
	"Resource" in object.keys(st)
	every r in util.as_list(st.Resource) {
		some p in util.as_list(d.Resource)
		resource_matches(p, r)
	}
}

# Neither names a resource: both are about the resource whose policy this is.
deny_covers_resources(d, st) if {
	not "Resource" in object.keys(d)
	not "NotResource" in object.keys(d)
	not "Resource" in object.keys(st)
	not "NotResource" in object.keys(st)
}
