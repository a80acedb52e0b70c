package parapet.aws.ecr.ecr_registry_policy_not_publicly_accessible_test

import rego.v1

import data.parapet.aws.ecr.ecr_registry_policy_not_publicly_accessible as control

registry(statements) := {"resource": {"name": "111122223333", "region": "us-west-2", "attributes": {"registry_policy": {"Version": "2012-10-17", "Statement": statements}}}}

# Amazon ECR User Guide, private registry permissions for replication: one source account.
test_replication_from_one_account_passes if {
	st := {"Sid": "ReplicationAccessCrossAccount", "Effect": "Allow",
		"Principal": {"AWS": "arn:aws:iam::444455556666:root"},
		"Action": ["ecr:CreateRepository", "ecr:ReplicateImage"],
		"Resource": "arn:aws:ecr:us-west-2:111122223333:repository/*"}
	control.status == "PASS" with input as registry([st])
}

test_replication_from_the_organization_passes if {
	st := {"Effect": "Allow", "Principal": "*", "Action": ["ecr:CreateRepository", "ecr:ReplicateImage"],
		"Resource": "arn:aws:ecr:us-west-2:111122223333:repository/*",
		"Condition": {"StringEquals": {"aws:PrincipalOrgID": "o-a1b2c3d4e5"}}}
	control.status == "PASS" with input as registry([st])
}

test_replication_from_anyone_fails if {
	st := {"Sid": "AnyoneReplicates", "Effect": "Allow", "Principal": {"AWS": "*"},
		"Action": ["ecr:CreateRepository", "ecr:ReplicateImage"],
		"Resource": "arn:aws:ecr:us-west-2:111122223333:repository/*"}
	control.status == "FAIL" with input as registry([st])
	control.reason == "the registry of us-west-2 can be used by anyone through statement \"AnyoneReplicates\" (ecr:CreateRepository, ecr:ReplicateImage)" with input as registry([st])
}

test_any_account_root_fails if {
	st := {"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::*:root"}, "Action": "ecr:ReplicateImage", "Resource": "*"}
	control.status == "FAIL" with input as registry([st])
}

test_no_registry_policy_passes if {
	inp := {"resource": {"name": "111122223333", "region": "us-west-2", "attributes": {"registry_policy": null}}}
	control.status == "PASS" with input as inp
	control.reason == "the registry of us-west-2 has no resource policy" with input as inp
}
