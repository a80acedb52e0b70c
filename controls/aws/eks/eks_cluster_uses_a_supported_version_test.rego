package parapet.aws.eks.eks_cluster_uses_a_supported_version_test

import rego.v1

import data.parapet.aws.eks.eks_cluster_uses_a_supported_version as control

cluster(v, now) := {"now": now, "resource": {"name": "prod", "attributes": {"version": v}}}

test_version_in_support_passes if {
	control.status == "PASS" with input as cluster("1.33", "2026-01-15T00:00:00Z")
	control.reason == "EKS cluster prod runs Kubernetes 1.33, in standard support" with input as cluster("1.33", "2026-01-15T00:00:00Z")
}

test_version_past_its_date_fails if {
	control.status == "FAIL" with input as cluster("1.29", "2026-01-15T00:00:00Z")
	control.reason == "EKS cluster prod runs Kubernetes 1.29, past the end of standard support" with input as cluster("1.29", "2026-01-15T00:00:00Z")
	# The same version passed before its end date.
	control.status == "PASS" with input as cluster("1.29", "2025-01-15T00:00:00Z")
}

test_versions_outside_the_table if {
	control.status == "FAIL" with input as cluster("1.21", "2026-01-15T00:00:00Z")
	control.status == "PASS" with input as cluster("1.40", "2026-01-15T00:00:00Z")
}
