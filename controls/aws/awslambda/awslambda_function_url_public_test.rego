package parapet.aws.awslambda.awslambda_function_url_public_test

import rego.v1

import data.parapet.aws.awslambda.awslambda_function_url_public as control

fn(url) := {"resource": {"name": "resize", "attributes": {"function_url": url}}}

test_no_url_passes if {
	control.status == "PASS" with input as fn(null)
	control.reason == "function resize has no function URL" with input as fn(null)
}

test_iam_url_passes if control.status == "PASS" with input as fn({"AuthType": "AWS_IAM", "FunctionUrl": "https://x.lambda-url.us-east-1.on.aws/"})

test_open_url_fails if {
	inp := fn({"AuthType": "NONE", "FunctionUrl": "https://x.lambda-url.us-east-1.on.aws/"})
	control.status == "FAIL" with input as inp
	control.reason == "function resize URL https://x.lambda-url.us-east-1.on.aws/ can be called without authentication" with input as inp
}

test_unread_decides_nothing if not control.status with input as {"resource": {"name": "x", "attributes": {}}}
