package parapet.aws.secretsmanager.secretsmanager_not_publicly_accessible_test

import rego.v1

import data.parapet.aws.secretsmanager.secretsmanager_not_publicly_accessible as control

secret(statements) := {"resource": {"name": "db", "attributes": {"policy": {"Version": "2012-10-17", "Statement": statements}}}}

# Secrets Manager's example: one role of another account may read the secret.
test_named_role_passes if {
	st := {"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::123456789012:role/MyRole"}, "Action": "secretsmanager:GetSecretValue", "Resource": "*"}
	control.status == "PASS" with input as secret([st])
}

test_one_vpc_endpoint_passes if {
	st := {"Effect": "Allow", "Principal": "*", "Action": "secretsmanager:GetSecretValue", "Resource": "*",
		"Condition": {"StringEquals": {"aws:SourceVpce": "vpce-1234a5678b9012c"}}}
	control.status == "PASS" with input as secret([st])
}

# A Deny open to everyone grants nothing.
test_deny_outside_vpc_passes if {
	st := {"Effect": "Deny", "Principal": "*", "Action": "secretsmanager:GetSecretValue", "Resource": "*",
		"Condition": {"StringNotEquals": {"aws:SourceVpc": "vpc-12345678"}}}
	control.status == "PASS" with input as secret([st])
}

test_anyone_may_read_fails if {
	st := {"Sid": "everyone", "Effect": "Allow", "Principal": {"AWS": "*"}, "Action": "secretsmanager:GetSecretValue", "Resource": "*"}
	control.status == "FAIL" with input as secret([st])
}

test_not_principal_fails if {
	st := {"Effect": "Allow", "NotPrincipal": {"AWS": "arn:aws:iam::123456789012:role/Blocked"}, "Action": "secretsmanager:*", "Resource": "*"}
	control.status == "FAIL" with input as secret([st])
	control.reason == "secret db can be used by anyone through statement #1 (secretsmanager:*)" with input as secret([st])
}

test_no_policy_passes if control.status == "PASS" with input as {"resource": {"name": "db", "attributes": {"policy": null}}}
