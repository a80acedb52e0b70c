package parapet.aws.iam.iam_inline_policy_no_wildcard_marketplace_subscribe_test

import rego.v1

import data.parapet.aws.iam.iam_inline_policy_no_wildcard_marketplace_subscribe as control

policy(doc) := {"resource": {"name": "app/inline", "attributes": {
	"PolicyName": "inline", "PolicyDocument": doc,
	"principal_type": "role", "principal_name": "app", "principal_arn": "arn:aws:iam::111122223333:role/app",
}}}

doc(statements) := {"Version": "2012-10-17", "Statement": statements}

test_subscribe_on_star_fails if {
	inp := policy(doc([{"Effect": "Allow", "Action": "aws-marketplace:Subscribe", "Resource": "*"}]))
	control.status == "FAIL" with input as inp
	startswith(control.reason, "inline policy inline of role app allows subscribing to any AWS Marketplace product") with input as inp
}

test_marketplace_wildcard_fails if control.status == "FAIL" with input as policy(doc({"Effect": "Allow", "Action": "aws-marketplace:*", "Resource": "*"}))


test_subscribe_limited_to_products_passes if {
	st := {"Effect": "Allow", "Action": "aws-marketplace:Subscribe", "Resource": "*", "Condition": {"ForAllValues:StringEquals": {"aws-marketplace:ProductId": ["prod-1"]}}}
	control.status == "PASS" with input as policy(doc([st]))
}

test_view_only_passes if control.status == "PASS" with input as policy(doc([{"Effect": "Allow", "Action": ["aws-marketplace:ViewSubscriptions"], "Resource": "*"}]))

test_missing_document_decides_nothing if not control.status with input as {"resource": {"name": "x", "attributes": {"PolicyName": "x", "PolicyDocument": null}}}
