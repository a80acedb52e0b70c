package parapet.aws.guardduty.guardduty_is_enabled_test

import rego.v1

import data.parapet.aws.guardduty.guardduty_is_enabled as control

region(detectors) := {"resource": {"name": "111122223333", "region": "eu-west-1", "attributes": {"detectors": detectors}}}

test_enabled_passes if {
	inp := region([{"DetectorId": "d-1", "Status": "ENABLED"}])
	control.status == "PASS" with input as inp
	control.reason == "GuardDuty detector d-1 is enabled in eu-west-1" with input as inp
}

# A suspended detector keeps its configuration but detects nothing.
test_suspended_fails if control.status == "FAIL" with input as region([{"DetectorId": "d-1", "Status": "DISABLED"}])

test_no_detector_fails if {
	control.status == "FAIL" with input as region([])
	control.reason == "GuardDuty has no enabled detector in eu-west-1" with input as region([])
}

test_unknown_decides_nothing if not control.status with input as region(null)
