package parapet.aws.glue.glue_data_catalogs_not_publicly_accessible_test

import rego.v1

import data.parapet.aws.glue.glue_data_catalogs_not_publicly_accessible as control

catalog(statements) := {"resource": {"name": "111122223333", "region": "us-east-1", "attributes": {"policy": {"Version": "2012-10-17", "Statement": statements}}}}

# AWS Glue Developer Guide, granting cross-account access: another account reads one database.
test_cross_account_read_passes if {
	st := {"Effect": "Allow", "Principal": {"AWS": ["arn:aws:iam::444455556666:root"]},
		"Action": ["glue:GetDatabase", "glue:GetTables"],
		"Resource": ["arn:aws:glue:us-east-1:111122223333:catalog", "arn:aws:glue:us-east-1:111122223333:database/sales"]}
	control.status == "PASS" with input as catalog([st])
}

test_anyone_reads_fails if {
	st := {"Effect": "Allow", "Principal": "*", "Action": "glue:Get*",
		"Resource": "arn:aws:glue:us-east-1:111122223333:*"}
	control.status == "FAIL" with input as catalog([st])
	control.reason == "the Data Catalog of us-east-1 can be used by anyone through statement #1 (glue:Get*)" with input as catalog([st])
}

# A wildcard organization id does not pin anyone.
test_wildcard_organization_fails if {
	st := {"Effect": "Allow", "Principal": "*", "Action": "glue:GetTables", "Resource": "*",
		"Condition": {"StringLike": {"aws:PrincipalOrgID": "o-*"}}}
	control.status == "FAIL" with input as catalog([st])
}

# A source-IP range short of the whole address space restricts the caller.
test_source_ip_range_passes if {
	st := {"Effect": "Allow", "Principal": "*", "Action": "glue:GetTables", "Resource": "*",
		"Condition": {"IpAddress": {"aws:SourceIp": ["192.0.2.0/24"]}}}
	control.status == "PASS" with input as catalog([st])
}

test_no_policy_passes if control.status == "PASS" with input as {"resource": {"name": "111122223333", "region": "us-east-1", "attributes": {"policy": null}}}

test_undecodable_policy_is_an_error if control.status == "ERROR" with input as {"resource": {"name": "111122223333", "region": "us-east-1", "attributes": {"policy": "{"}}}
