package parapet.aws.accessanalyzer.accessanalyzer_enabled_test

import rego.v1

import data.parapet.aws.accessanalyzer.accessanalyzer_enabled as control

region(analyzers) := {"resource": {
	"name": "analyzers", "region": "eu-west-1",
	"attributes": {"analyzers": analyzers},
}}

analyzer(name, type, status) := {"name": name, "arn": sprintf("arn:aws:access-analyzer:eu-west-1:123456789012:analyzer/%s", [name]), "type": type, "status": status}

test_active_account_analyzer_passes if {
	inp := region([analyzer("acct", "ACCOUNT", "ACTIVE")])
	control.status == "PASS" with input as inp
	contains(control.reason, "eu-west-1") with input as inp
}

test_active_organization_analyzer_passes if control.status == "PASS" with input as region([analyzer("org", "ORGANIZATION", "ACTIVE")])

test_no_analyzer_fails if {
	control.status == "FAIL" with input as region([])
	contains(control.reason, "no IAM Access Analyzer") with input as region([])
}

test_failed_analyzer_fails if {
	inp := region([analyzer("acct", "ACCOUNT", "FAILED")])
	control.status == "FAIL" with input as inp
	contains(control.reason, "acct: ACCOUNT FAILED") with input as inp
}

test_creating_analyzer_fails if control.status == "FAIL" with input as region([analyzer("acct", "ACCOUNT", "CREATING")])

test_unused_access_analyzer_alone_fails if {
	control.status == "FAIL" with input as region([analyzer("unused", "ACCOUNT_UNUSED_ACCESS", "ACTIVE")])
}

test_one_active_among_others_passes if {
	inp := region([analyzer("old", "ACCOUNT", "DISABLED"), analyzer("org", "ORGANIZATION", "ACTIVE")])
	control.status == "PASS" with input as inp
	contains(control.reason, "org") with input as inp
}

test_absent_list_does_not_pass if not control.status with input as region(null)
