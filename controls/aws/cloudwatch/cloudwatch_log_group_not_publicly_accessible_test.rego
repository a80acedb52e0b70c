package parapet.aws.cloudwatch.cloudwatch_log_group_not_publicly_accessible_test

import rego.v1

import data.parapet.aws.cloudwatch.cloudwatch_log_group_not_publicly_accessible as control

group_arn := "arn:aws:logs:us-east-1:111122223333:log-group:/app/api"

group(policies) := {"resource": {"name": "/app/api", "attributes": {"arn": group_arn, "resource_policies": policies}}}

policy(name, statements) := {"PolicyName": name, "PolicyDocument": {"Version": "2012-10-17", "Statement": statements}}

test_public_statement_on_group_fails if {
	st := {"Effect": "Allow", "Principal": "*", "Action": "logs:GetLogEvents", "Resource": "arn:aws:logs:us-east-1:111122223333:log-group:/app/*"}
	inp := group([policy("open", [st])])
	control.status == "FAIL" with input as inp
	control.reason == "log group /app/api is open to everyone through resource policies open" with input as inp
}

test_public_statement_on_other_groups_passes if {
	st := {"Effect": "Allow", "Principal": "*", "Action": "logs:PutLogEvents", "Resource": "arn:aws:logs:us-east-1:111122223333:log-group:/public/*"}
	control.status == "PASS" with input as group([policy("other", [st])])
}

test_service_with_source_account_passes if {
	st := {
		"Effect": "Allow", "Principal": {"Service": "delivery.logs.amazonaws.com"}, "Action": ["logs:CreateLogStream", "logs:PutLogEvents"],
		"Resource": "arn:aws:logs:us-east-1:111122223333:log-group:/app/api:*",
		"Condition": {"StringEquals": {"aws:SourceAccount": "111122223333"}},
	}
	control.status == "PASS" with input as group([policy("vpc-flow", [st])])
}

# A star principal confined by aws:SourceArn is not public.
test_star_with_source_arn_passes if {
	st := {"Effect": "Allow", "Principal": {"AWS": "*"}, "Action": "logs:PutLogEvents", "Resource": "*", "Condition": {"ArnLike": {"aws:SourceArn": "arn:aws:route53:::hostedzone/Z1"}}}
	control.status == "PASS" with input as group([policy("r53", [st])])
}

test_no_policies_pass if control.status == "PASS" with input as group([])

test_unknown_decides_nothing if not control.status with input as group(null)

test_star_with_any_hosted_zone_fails if {
	st := {"Effect": "Allow", "Principal": {"AWS": "*"}, "Action": "logs:PutLogEvents", "Resource": "*", "Condition": {"ArnLike": {"aws:SourceArn": "arn:aws:route53:::hostedzone/*"}}}
	control.status == "FAIL" with input as group([policy("r53", [st])])
}

# aws:SourceArn on the log group itself pins nothing about the caller's account when wildcarded.
test_star_with_wildcard_account_source_arn_fails if {
	st := {"Effect": "Allow", "Principal": "*", "Action": "logs:PutLogEvents", "Resource": "*", "Condition": {"ArnLike": {"aws:SourceArn": "arn:aws:logs:*:*:*"}}}
	control.status == "FAIL" with input as group([policy("any", [st])])
}

test_all_resource_form_covers_the_group if {
	st := {"Effect": "Allow", "Principal": "*", "Action": "logs:GetLogEvents", "Resource": "arn:aws:*:*:*:*"}
	control.status == "FAIL" with input as group([policy("everything", [st])])
}
