package parapet.aws.cloudtrail.cloudtrail_insights_exist_test

import rego.v1

import data.parapet.aws.cloudtrail.cloudtrail_insights_exist as control

account(trails) := {"resource": {"name": "111122223333", "attributes": {"trails": trails}}}

trail(name, logging, insights) := {"name": name, "logging": logging, "insight_types": insights}

test_insights_pass if {
	inp := account([trail("main", true, ["ApiCallRateInsight"]), trail("old", true, [])])
	control.status == "PASS" with input as inp
	control.reason == "account 111122223333 records CloudTrail Insights with trail main" with input as inp
}

test_no_insights_fail if {
	control.status == "FAIL" with input as account([trail("main", true, [])])
	control.reason == "account 111122223333 has no logging trail with CloudTrail Insights" with input as account([])
}

test_stopped_trail_does_not_count if control.status == "FAIL" with input as account([trail("main", false, ["ApiCallRateInsight"])])

test_unreadable_selectors_decide_nothing if not control.status with input as account([trail("main", true, null)])
