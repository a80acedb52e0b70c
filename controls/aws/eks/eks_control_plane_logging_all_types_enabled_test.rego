package parapet.aws.eks.eks_control_plane_logging_all_types_enabled_test

import rego.v1

import data.parapet.aws.eks.eks_control_plane_logging_all_types_enabled as control

cluster(entries) := {"resource": {"name": "prod", "attributes": {"logging": {"clusterLogging": entries}}}}

test_all_types_pass if {
	control.status == "PASS" with input as cluster([{"types": ["api", "audit", "authenticator", "controllerManager", "scheduler"], "enabled": true}])
}

test_types_split_over_entries_pass if {
	control.status == "PASS" with input as cluster([
		{"types": ["api", "audit"], "enabled": true},
		{"types": ["authenticator", "controllerManager", "scheduler"], "enabled": true},
	])
}

test_disabled_entry_fails_naming_the_missing if {
	inp := cluster([{"types": ["api", "audit", "authenticator"], "enabled": true}, {"types": ["controllerManager", "scheduler"], "enabled": false}])
	control.status == "FAIL" with input as inp
	control.reason == "EKS cluster prod does not log: controllerManager, scheduler" with input as inp
}
