package parapet.aws.elasticbeanstalk.elasticbeanstalk_environment_cloudwatch_logging_enabled_test

import rego.v1

import data.parapet.aws.elasticbeanstalk.elasticbeanstalk_environment_cloudwatch_logging_enabled as control

env(options) := {"resource": {"name": "shop-prod", "attributes": {"options": options}}}

test_enabled_passes if {
	control.status == "PASS" with input as env({"aws:elasticbeanstalk:cloudwatch:logs:StreamLogs": true})
	control.status == "PASS" with input as env({"aws:elasticbeanstalk:cloudwatch:logs:StreamLogs": "true"})
	control.reason == "environment shop-prod streams its logs to CloudWatch Logs" with input as env({"aws:elasticbeanstalk:cloudwatch:logs:StreamLogs": true})
}

test_disabled_or_unset_fails if {
	control.status == "FAIL" with input as env({"aws:elasticbeanstalk:cloudwatch:logs:StreamLogs": false})
	control.status == "FAIL" with input as env({})
	control.reason == "environment shop-prod does not stream its logs to CloudWatch Logs" with input as env({})
}
