# Which capabilities a policy document hands out, and to whom: the questions the Threat
# Graph (shared/src/graph) asks of identity, trust and resource policies. Every answer is
# built from iam.rego's rules (action and resource matching, unconditional denies, open
# principals and the conditions that pin them), so a grant means here what it means to
# the controls.
package parapet.lib.access

import rego.v1

import data.parapet.lib.iam
import data.parapet.lib.s3
import data.parapet.lib.util

# Capabilities and the actions that give them. One granted action of a list is enough:
# each reads, changes or opens the data of the resource (changing a bucket policy opens
# the bucket, so it is a write).
probes := {
	"s3:read": ["s3:GetObject"],
	"s3:write": ["s3:PutObject", "s3:DeleteObject", "s3:PutBucketPolicy", "s3:DeleteBucket"],
	"kms:decrypt": ["kms:Decrypt"],
	"secretsmanager:read": ["secretsmanager:GetSecretValue"],
	"secretsmanager:write": ["secretsmanager:PutSecretValue", "secretsmanager:DeleteSecret", "secretsmanager:PutResourcePolicy"],
	"sts:assume": ["sts:AssumeRole"],
}

# {capability: [granted actions]} of one Allow statement, without the actions an
# unconditional Deny of the document takes away; "admin" when the statement is full
# administration the document does not cancel.
statement_capabilities(doc, st) := object.union(
	{cap: granted |
		some cap, actions in probes
		granted := [a | some a in actions; iam.statement_covers_action(st, a); not iam.denied(doc, a)]
		count(granted) > 0
	},
	{"admin": ["*"] | iam.is_admin_statement(st); not iam.denies_whole_scope(doc, "*")},
)

# Booleans, never undefined: each answer is an object field.
conditional(st) := count(object.get(st, "Condition", {})) > 0

every_resource_flag(st) := true if every_resource(st)

every_resource_flag(st) := false if not every_resource(st)

public_flag(doc, st) := true if iam.public_in_document(doc, st)

public_flag(doc, st) := false if not iam.public_in_document(doc, st)

# The resources a statement applies to, as regular expressions (iam.wildcard_regex):
# `resources` for Resource, `not_resources` for NotResource; a statement with neither
# applies to every resource (as iam.statement_covers_resource reads it).
resource_scope(st) := {
	"patterns": [p | some p in util.as_list(st.Resource); is_string(p)],
	"resources": [iam.wildcard_regex(p) | some p in util.as_list(st.Resource); is_string(p)],
	"not_resources": [iam.wildcard_regex(p) | some p in util.as_list(st.NotResource); is_string(p)],
	"every_resource": every_resource_flag(st),
}

every_resource(st) if {
	not "Resource" in object.keys(st)
	not "NotResource" in object.keys(st)
}

every_resource(st) if {
	some p in util.as_list(st.Resource)
	iam.all_resource_pattern(p)
}

# The grants of an identity policy (every document of one principal merged into one, so
# a Deny in one policy takes away what another allows).
identity_grants(doc) := [g |
	some i, st in iam.statements(doc)
	iam.allows(st)
	caps := statement_capabilities(doc, st)
	count(caps) > 0
	g := object.union(resource_scope(st), {"statement": i, "capabilities": caps, "conditional": conditional(st)})
]

# The grants of a resource policy (bucket, key, secret) or a role's trust policy, by
# principal: `principals` the values the statement names, `public` when anyone can use
# it (iam.public_in_document: an open principal no condition pins and no Deny fences),
# `accounts` the accounts a condition pins an open principal to.
principal_grants(doc) := [g |
	some i, st in iam.statements(doc)
	iam.allows(st)
	caps := statement_capabilities(doc, st)
	count(caps) > 0
	g := {
		"statement": i,
		"capabilities": caps,
		"principals": sort([v | some v in iam.principal_values(object.get(st, "Principal", null)); is_string(v)]),
		"public": public_flag(doc, st),
		"accounts": sort([a | some a in iam.pinned_accounts(st)]),
		"conditional": conditional(st),
	}
]

# What anyone on the internet can do to a bucket without credentials: the capabilities
# of its public policy statements unless Block Public Access restricts public policies
# (RestrictPublicBuckets, bucket or account), and its ACL grants to everyone unless ACLs
# are disabled or ignored.
bucket_public_capabilities(attrs) := {cap |
	is_object(attrs.policy)
	not s3.public_policy_restricted(attrs)
	some st in s3.public_statements(attrs)
	some cap, _ in statement_capabilities(attrs.policy, st)
}

bucket_public_acl(attrs) := sort([g.Permission |
	not s3.acls_ignored(attrs)
	some g in s3.public_acl_grants(attrs)
])

# One evaluation for a whole graph: `input.identity`, `input.principal` (trust and
# resource policies) are lists of documents, `input.buckets` a list of bucket attributes.
batch := {
	"identity": [identity_grants(d) | some d in input.identity],
	"principal": [principal_grants(d) | some d in input.principal],
	"buckets": [{"policy": sort([c | some c in bucket_public_capabilities(b)]), "acl": bucket_public_acl(b)} | some b in input.buckets],
}
