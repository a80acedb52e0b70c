package parapet.aws.guardduty.guardduty_no_high_severity_findings_test

import rego.v1

import data.parapet.aws.guardduty.guardduty_no_high_severity_findings as control

region(status, n) := {"resource": {"name": "111122223333", "region": "us-east-1", "attributes": {
	"detectors": [{"DetectorId": "d-1", "Status": status}], "high_severity_findings": n,
}}}

test_none_passes if control.status == "PASS" with input as region("ENABLED", 0)

test_findings_fail if {
	control.status == "FAIL" with input as region("ENABLED", 3)
	control.reason == "GuardDuty has 3 open high-severity findings in us-east-1" with input as region("ENABLED", 3)
}

test_disabled_is_skipped if control.status == "SKIPPED" with input as region("DISABLED", 0)
