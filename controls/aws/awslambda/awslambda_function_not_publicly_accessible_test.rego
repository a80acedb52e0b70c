package parapet.aws.awslambda.awslambda_function_not_publicly_accessible_test

import rego.v1

import data.parapet.aws.awslambda.awslambda_function_not_publicly_accessible as control

fn(statements) := {"resource": {"name": "resize", "attributes": {"policy": {"Version": "2012-10-17", "Statement": statements}}}}

test_public_invoke_fails if {
	inp := fn([{"Sid": "open", "Effect": "Allow", "Principal": "*", "Action": "lambda:InvokeFunction", "Resource": "*"}])
	control.status == "FAIL" with input as inp
	control.reason == "function resize can be used by anyone through 1 policy statements (open)" with input as inp
}

test_service_with_source_arn_passes if {
	st := {"Sid": "s3", "Effect": "Allow", "Principal": {"Service": "s3.amazonaws.com"}, "Action": "lambda:InvokeFunction", "Condition": {"ArnLike": {"AWS:SourceArn": "arn:aws:s3:::uploads"}}}
	control.status == "PASS" with input as fn([st])
}

test_star_with_source_account_passes if {
	st := {"Effect": "Allow", "Principal": "*", "Action": "lambda:InvokeFunction", "Condition": {"StringEquals": {"AWS:SourceAccount": "111122223333"}}}
	control.status == "PASS" with input as fn([st])
}

test_no_policy_passes if control.status == "PASS" with input as {"resource": {"name": "resize", "attributes": {"policy": null}}}

# Lambda's own example for services: the source ARN pins the caller to one bucket.
test_source_arn_of_one_bucket_passes if {
	st := {"Sid": "s3", "Effect": "Allow", "Principal": "*", "Action": "lambda:InvokeFunction", "Resource": "*",
		"Condition": {"ArnLike": {"AWS:SourceArn": "arn:aws:s3:::amzn-s3-demo-bucket"}}}
	control.status == "PASS" with input as fn([st])
}

test_wildcard_source_arn_fails if {
	st := {"Sid": "s3", "Effect": "Allow", "Principal": {"AWS": ["*"]}, "Action": "lambda:InvokeFunction", "Resource": "*",
		"Condition": {"ArnLike": {"AWS:SourceArn": "arn:aws:s3:::*"}}}
	control.status == "FAIL" with input as fn([st])
}

# AWS_IAM still admits signed callers of every account.
test_url_statement_with_iam_auth_fails if {
	st := {"Sid": "url", "Effect": "Allow", "Principal": "*", "Action": "lambda:InvokeFunctionUrl", "Resource": "*",
		"Condition": {"StringEquals": {"lambda:FunctionUrlAuthType": "AWS_IAM"}}}
	control.status == "FAIL" with input as fn([st])
}

test_source_account_passes_but_if_exists_fails if {
	pinned := {"Sid": "p", "Effect": "Allow", "Principal": "*", "Action": "lambda:InvokeFunction", "Resource": "*",
		"Condition": {"StringEquals": {"aws:SourceAccount": "111122223333"}}}
	control.status == "PASS" with input as fn([pinned])
	loose := object.union(object.remove(pinned, ["Condition"]), {"Condition": {"StringEqualsIfExists": {"aws:SourceAccount": "111122223333"}}})
	control.status == "FAIL" with input as fn([loose])
}
