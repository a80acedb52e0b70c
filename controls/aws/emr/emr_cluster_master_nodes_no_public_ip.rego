# METADATA
# title: EMR cluster's primary node has no public address
# description: |
#   Checks the cluster's MasterPublicDnsName: a public EC2 name (ec2-<ip>.<region>
#   .compute.amazonaws.com or ec2-<ip>.compute-1.amazonaws.com) means the primary node
#   has a public IP address; a private name (ip-10-...) or none means it has not.
# custom:
#   id: emr_cluster_master_nodes_no_public_ip
#   severity: high
#   service: emr
#   resource_type: AWS::EMR::Cluster
#   requires: [MasterPublicDnsName]
#   risk: The primary node, which runs the cluster's web interfaces and accepts SSH, is reachable from the internet if a security group allows it.
#   remediation:
#     text: Launch clusters in private subnets (with a NAT gateway or VPC endpoints) so their nodes get no public addresses.
#     cli: aws emr create-cluster --name NAME --release-label emr-7.1.0 --ec2-attributes SubnetId=PRIVATE_SUBNET ...
#     terraform: |
#       resource "aws_emr_cluster" "this" {
#         ec2_attributes {
#           subnet_id = aws_subnet.private.id
#         }
#       }
package parapet.aws.emr.emr_cluster_master_nodes_no_public_ip

import rego.v1

dns := object.get(input.resource.attributes, "MasterPublicDnsName", "")

public if {
	is_string(dns)
	startswith(dns, "ec2-")
}

status := "PASS" if not public

status := "FAIL" if public

reason := sprintf("EMR cluster %s primary node has no public address", [input.resource.name]) if status == "PASS"

reason := sprintf("EMR cluster %s primary node is public at %s", [input.resource.name, dns]) if status == "FAIL"
