package parapet.aws.ecr.ecr_repositories_lifecycle_policy_enabled_test

import rego.v1

import data.parapet.aws.ecr.ecr_repositories_lifecycle_policy_enabled as control

repo(policy) := {"resource": {"name": "web", "attributes": {"lifecycle_policy": policy}}}

test_policy_with_rules_passes if {
	inp := repo({"rules": [{"rulePriority": 1, "selection": {"tagStatus": "untagged", "countType": "imageCountMoreThan", "countNumber": 5}, "action": {"type": "expire"}}]})
	control.status == "PASS" with input as inp
	control.reason == "repository web expires images with 1 lifecycle rules" with input as inp
}

test_no_policy_fails if {
	control.status == "FAIL" with input as repo(null)
	control.reason == "repository web has no lifecycle policy rules" with input as repo(null)
}

test_empty_rules_fail if control.status == "FAIL" with input as repo({"rules": []})
