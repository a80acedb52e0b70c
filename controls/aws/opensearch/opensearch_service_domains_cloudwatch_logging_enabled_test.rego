package parapet.aws.opensearch.opensearch_service_domains_cloudwatch_logging_enabled_test

import rego.v1

import data.parapet.aws.opensearch.opensearch_service_domains_cloudwatch_logging_enabled as control

res(options) := {"resource": {"name": "search", "attributes": {"LogPublishingOptions": options}}}

all_on := {k: {"Enabled": true, "CloudWatchLogsLogGroupArn": "arn:aws:logs:us-east-1:111122223333:log-group:search"} | some k in ["SEARCH_SLOW_LOGS", "INDEX_SLOW_LOGS"]}

test_published_passes if {
	control.status == "PASS" with input as res(all_on)
	control.reason == "OpenSearch domain search publishes its search and index slow logs to CloudWatch Logs" with input as res(all_on)
}

test_none_fails if {
	control.status == "FAIL" with input as res({})
	control.reason == "OpenSearch domain search does not publish SEARCH_SLOW_LOGS and INDEX_SLOW_LOGS to CloudWatch Logs" with input as res({})
}

test_disabled_entry_fails if control.status == "FAIL" with input as res(object.union(all_on, {"SEARCH_SLOW_LOGS": {"Enabled": false}}))

test_absent_options_fail if control.status == "FAIL" with input as {"resource": {"name": "search", "attributes": {}}}
