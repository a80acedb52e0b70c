package parapet.aws.ecr.ecr_repositories_scan_images_on_push_enabled_test

import rego.v1

import data.parapet.aws.ecr.ecr_repositories_scan_images_on_push_enabled as control

repo(scan, rules) := {"resource": {"name": "team-a/web", "attributes": {
	"imageScanningConfiguration": {"scanOnPush": scan},
	"registry_scanning": {"scanType": "ENHANCED", "rules": rules},
}}}

test_repository_setting_passes if {
	control.status == "PASS" with input as repo(true, [])
	control.reason == "repository team-a/web scans images on push" with input as repo(true, [])
}

test_matching_registry_rule_passes if {
	inp := repo(false, [{"scanFrequency": "CONTINUOUS_SCAN", "repositoryFilters": [{"filter": "team-a/*", "filterType": "WILDCARD"}]}])
	control.status == "PASS" with input as inp
	control.reason == "repository team-a/web is scanned by a registry scanning rule" with input as inp
}

test_rule_for_other_repositories_or_manual_fails if {
	control.status == "FAIL" with input as repo(false, [{"scanFrequency": "SCAN_ON_PUSH", "repositoryFilters": [{"filter": "team-b/*"}]}])
	control.status == "FAIL" with input as repo(false, [{"scanFrequency": "MANUAL", "repositoryFilters": [{"filter": "*"}]}])
	control.reason == "repository team-a/web does not scan pushed images" with input as repo(false, [])
}
