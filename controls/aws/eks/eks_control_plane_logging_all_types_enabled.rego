# METADATA
# title: EKS cluster sends every control plane log type to CloudWatch Logs
# description: |
#   Checks that the cluster's logging enables all five control plane log types: api,
#   audit, authenticator, controllerManager and scheduler.
# custom:
#   id: eks_control_plane_logging_all_types_enabled
#   severity: medium
#   service: eks
#   resource_type: AWS::EKS::Cluster
#   requires: [logging]
#   risk: Without audit and authenticator logs, who did what in the cluster cannot be reconstructed after an incident.
#   remediation:
#     text: Enable every control plane log type.
#     cli: aws eks update-cluster-config --name CLUSTER --logging '{"clusterLogging":[{"types":["api","audit","authenticator","controllerManager","scheduler"],"enabled":true}]}'
#     terraform: |
#       resource "aws_eks_cluster" "this" {
#         enabled_cluster_log_types = ["api", "audit", "authenticator", "controllerManager", "scheduler"]
#       }
package parapet.aws.eks.eks_control_plane_logging_all_types_enabled

import rego.v1

all_types := {"api", "audit", "authenticator", "controllerManager", "scheduler"}

logging := input.resource.attributes.logging

enabled := {t |
	some entry in object.get(logging, "clusterLogging", [])
	entry.enabled == true
	some t in entry.types
}

missing := sort([t | some t in all_types; not t in enabled])

status := "PASS" if {
	is_object(logging)
	count(missing) == 0
}

status := "FAIL" if {
	is_object(logging)
	count(missing) > 0
}

reason := sprintf("EKS cluster %s logs every control plane log type", [input.resource.name]) if status == "PASS"

reason := sprintf("EKS cluster %s does not log: %s", [input.resource.name, concat(", ", missing)]) if status == "FAIL"
