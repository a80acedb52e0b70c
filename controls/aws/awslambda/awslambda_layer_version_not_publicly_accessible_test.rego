package parapet.aws.awslambda.awslambda_layer_version_not_publicly_accessible_test

import rego.v1

import data.parapet.aws.awslambda.awslambda_layer_version_not_publicly_accessible as control

layer_arn := "arn:aws:lambda:us-east-2:123456789012:layer:my-layer:1"

layer(statements) := {"resource": {"name": "my-layer:1", "attributes": {"policy": {"Version": "2012-10-17", "Id": "default", "Statement": statements}}}}

# AWS Lambda API Reference, GetLayerVersionPolicy example: one other account.
test_one_account_passes if {
	st := {"Sid": "xaccount", "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::223456789012:root"},
		"Action": "lambda:GetLayerVersion", "Resource": layer_arn}
	control.status == "PASS" with input as layer([st])
}

# add-layer-version-permission --principal "*" --organization-id o-...
test_organization_passes if {
	st := {"Sid": "engineering-org", "Effect": "Allow", "Principal": "*", "Action": "lambda:GetLayerVersion",
		"Resource": layer_arn, "Condition": {"StringEquals": {"aws:PrincipalOrgID": "o-t194hfs8cz"}}}
	control.status == "PASS" with input as layer([st])
}

# add-layer-version-permission --principal "*" without an organization: every account.
test_every_account_fails if {
	st := {"Sid": "public", "Effect": "Allow", "Principal": "*", "Action": "lambda:GetLayerVersion", "Resource": layer_arn}
	control.status == "FAIL" with input as layer([st])
	control.reason == "layer version my-layer:1 can be used by anyone through statement \"public\" (lambda:GetLayerVersion)" with input as layer([st])
}

test_no_policy_passes if {
	inp := {"resource": {"name": "my-layer:1", "attributes": {"policy": null}}}
	control.status == "PASS" with input as inp
	control.reason == "layer version my-layer:1 has no resource policy" with input as inp
}
