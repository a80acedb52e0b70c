package parapet.aws.ssm.ssm_managed_compliant_patching_test

import rego.v1

import data.parapet.aws.ssm.ssm_managed_compliant_patching as control

node(attrs) := {"resource": {"name": "i-0abc", "attributes": attrs}}

test_compliant_passes if {
	control.status == "PASS" with input as node({"ComplianceType": "Patch", "Status": "COMPLIANT"})
	control.reason == "managed node i-0abc is compliant with its patch baseline" with input as node({"Status": "COMPLIANT"})
}

test_non_compliant_fails if {
	inp := node({"ComplianceType": "Patch", "Status": "NON_COMPLIANT", "OverallSeverity": "CRITICAL", "NonCompliantSummary": {"NonCompliantCount": 3}})
	control.status == "FAIL" with input as inp
	control.reason == "managed node i-0abc is missing 3 patches its baseline requires (severity CRITICAL)" with input as inp
}
