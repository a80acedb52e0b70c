# METADATA
# title: EKS cluster runs a Kubernetes version in standard support
# description: |
#   Compares the cluster's Kubernetes version with the end of its standard support on the
#   Amazon EKS release calendar, at the time of the scan. A version past that date only
#   runs under paid extended support, or no support at all. Versions newer than the
#   table's newest pass.
# custom:
#   id: eks_cluster_uses_a_supported_version
#   severity: medium
#   service: eks
#   resource_type: AWS::EKS::Cluster
#   requires: [version]
#   risk: Old Kubernetes versions stop receiving security fixes, and EKS upgrades them on its own schedule once support ends.
#   remediation:
#     text: Upgrade the control plane one minor version at a time, then the node groups and add-ons.
#     cli: aws eks update-cluster-version --name CLUSTER --kubernetes-version 1.33
#     terraform: |
#       resource "aws_eks_cluster" "this" {
#         version = "1.33"
#       }
package parapet.aws.eks.eks_cluster_uses_a_supported_version

import rego.v1

# End of standard support per minor version (Amazon EKS Kubernetes release calendar).
standard_support_ends := {
	"1.23": "2023-10-11",
	"1.24": "2024-01-31",
	"1.25": "2024-05-01",
	"1.26": "2024-06-11",
	"1.27": "2024-07-24",
	"1.28": "2024-11-26",
	"1.29": "2025-03-23",
	"1.30": "2025-07-23",
	"1.31": "2025-11-26",
	"1.32": "2026-03-23",
	"1.33": "2026-07-29",
	"1.34": "2026-12-02",
}

version := input.resource.attributes.version

minor(v) := to_number(split(v, ".")[1])

oldest_listed := min({minor(v) | some v, _ in standard_support_ends})

newest_listed := max({minor(v) | some v, _ in standard_support_ends})

now_ns := time.parse_rfc3339_ns(input.now)

ended if {
	end := standard_support_ends[version]
	time.parse_rfc3339_ns(sprintf("%sT00:00:00Z", [end])) <= now_ns
}

ended if minor(version) < oldest_listed

supported if {
	end := standard_support_ends[version]
	time.parse_rfc3339_ns(sprintf("%sT00:00:00Z", [end])) > now_ns
}

supported if minor(version) > newest_listed

status := "PASS" if supported

status := "FAIL" if ended

reason := sprintf("EKS cluster %s runs Kubernetes %s, in standard support", [input.resource.name, version]) if status == "PASS"

reason := sprintf("EKS cluster %s runs Kubernetes %s, past the end of standard support", [input.resource.name, version]) if status == "FAIL"
