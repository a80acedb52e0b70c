package parapet.aws.efs.efs_not_publicly_accessible_test

import rego.v1

import data.parapet.aws.efs.efs_not_publicly_accessible as control

fs(statements) := {"resource": {"name": "shared", "attributes": {"policy": {"Version": "2012-10-17", "Statement": statements}}}}

# EFS's "enforce in-transit encryption" example: open to everyone over TLS.
test_secure_transport_only_fails if {
	st := {"Sid": "tls", "Effect": "Allow", "Principal": {"AWS": "*"},
		"Action": ["elasticfilesystem:ClientMount", "elasticfilesystem:ClientWrite"],
		"Condition": {"Bool": {"aws:SecureTransport": "true"}}}
	control.status == "FAIL" with input as fs([st])
	control.reason == `file system shared can be used by anyone through statement "tls" (elasticfilesystem:ClientMount, elasticfilesystem:ClientWrite)` with input as fs([st])
}

# EFS's example for one role: the principal is named.
test_named_role_passes if {
	st := {"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:role/EfsReadOnly"}, "Action": "elasticfilesystem:ClientMount"}
	control.status == "PASS" with input as fs([st])
}

test_principal_arn_condition_passes if {
	st := {"Effect": "Allow", "Principal": {"AWS": "*"}, "Action": "elasticfilesystem:ClientMount",
		"Condition": {"ArnEquals": {"aws:PrincipalArn": "arn:aws:iam::111122223333:role/app"}}}
	control.status == "PASS" with input as fs([st])
}

test_no_policy_fails if {
	inp := {"resource": {"name": "shared", "attributes": {"policy": null}}}
	control.status == "FAIL" with input as inp
	control.reason == "file system shared has no file system policy: every client that reaches a mount target has full access" with input as inp
}
