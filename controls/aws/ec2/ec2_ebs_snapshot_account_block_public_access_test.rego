package parapet.aws.ec2.ec2_ebs_snapshot_account_block_public_access_test

import rego.v1

import data.parapet.aws.ec2.ec2_ebs_snapshot_account_block_public_access as control

region(v) := {"resource": {"name": "111122223333", "region": "us-east-1", "attributes": {"snapshot_block_public_access": v}}}

test_block_all_passes if control.status == "PASS" with input as region("block-all-sharing")

test_block_new_only_fails if {
	control.status == "FAIL" with input as region("block-new-sharing")
	control.reason == "EBS snapshot block public access is block-new-sharing in us-east-1; snapshots already public stay public" with input as region("block-new-sharing")
}

test_unblocked_fails if {
	control.status == "FAIL" with input as region("unblocked")
	control.reason == "EBS snapshot block public access is unblocked in us-east-1" with input as region("unblocked")
}

test_unknown_decides_nothing if not control.status with input as region(null)
