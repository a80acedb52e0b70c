# METADATA
# title: EKS cluster API endpoint is not open to the internet
# description: |
#   Checks the cluster's resourcesVpcConfig: the Kubernetes API endpoint passes when
#   public access is off, or when it is on but limited to CIDR blocks other than
#   0.0.0.0/0.
# custom:
#   id: eks_cluster_not_publicly_accessible
#   severity: high
#   service: eks
#   resource_type: AWS::EKS::Cluster
#   requires: [resourcesVpcConfig]
#   risk: Anyone on the internet can reach the Kubernetes API and try stolen or leaked credentials and unpatched API server flaws against it.
#   remediation:
#     text: Turn on the private endpoint and turn off public access, or limit public access to the networks that administer the cluster.
#     cli: aws eks update-cluster-config --name CLUSTER --resources-vpc-config endpointPublicAccess=false,endpointPrivateAccess=true
#     terraform: |
#       resource "aws_eks_cluster" "this" {
#         vpc_config {
#           endpoint_private_access = true
#           endpoint_public_access  = false
#         }
#       }
package parapet.aws.eks.eks_cluster_not_publicly_accessible

import rego.v1

vpc := input.resource.attributes.resourcesVpcConfig

# AWS answers ["0.0.0.0/0"] when public access was enabled without a CIDR list.
cidrs := object.get(vpc, "publicAccessCidrs", ["0.0.0.0/0"])

open_to_all if {
	vpc.endpointPublicAccess == true
	some c in cidrs
	c in {"0.0.0.0/0", "::/0"}
}

status := "PASS" if {
	vpc.endpointPublicAccess == false
}

status := "PASS" if {
	vpc.endpointPublicAccess == true
	not open_to_all
}

status := "FAIL" if open_to_all

reason := sprintf("EKS cluster %s has no public API endpoint", [input.resource.name]) if {
	status == "PASS"
	vpc.endpointPublicAccess == false
}

reason := sprintf("EKS cluster %s limits its public API endpoint to %s", [input.resource.name, concat(", ", cidrs)]) if {
	status == "PASS"
	vpc.endpointPublicAccess == true
}

reason := sprintf("EKS cluster %s exposes its API endpoint to the whole internet", [input.resource.name]) if status == "FAIL"
