package parapet.aws.glue.glue_etl_jobs_logging_enabled_test

import rego.v1

import data.parapet.aws.glue.glue_etl_jobs_logging_enabled as control

job(args) := {"resource": {"name": "etl", "attributes": {"DefaultArguments": args}}}

test_flag_passes if {
	control.status == "PASS" with input as job({"--enable-continuous-cloudwatch-log": "true"})
	control.reason == "Glue job etl logs continuously to CloudWatch Logs" with input as job({"--enable-continuous-cloudwatch-log": "true"})
}

test_missing_or_false_fails if {
	control.status == "FAIL" with input as job({})
	control.status == "FAIL" with input as job({"--enable-continuous-cloudwatch-log": "false"})
	control.status == "FAIL" with input as {"resource": {"name": "etl", "attributes": {}}}
}
