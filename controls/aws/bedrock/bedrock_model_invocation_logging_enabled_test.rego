package parapet.aws.bedrock.bedrock_model_invocation_logging_enabled_test

import rego.v1

import data.parapet.aws.bedrock.bedrock_model_invocation_logging_enabled as control

region(config) := {"resource": {"name": "111122223333", "region": "us-east-1", "attributes": {"invocation_logging": config}}}

test_cloudwatch_passes if {
	inp := region({"cloudWatchConfig": {"logGroupName": "/bedrock", "roleArn": "r"}, "textDataDeliveryEnabled": true})
	control.status == "PASS" with input as inp
	control.reason == "Bedrock in us-east-1 logs model invocations to cloudWatchConfig" with input as inp
}

test_no_configuration_fails if {
	control.status == "FAIL" with input as region(null)
	control.status == "FAIL" with input as region({})
	control.reason == "Bedrock in us-east-1 does not log model invocations" with input as region(null)
}
