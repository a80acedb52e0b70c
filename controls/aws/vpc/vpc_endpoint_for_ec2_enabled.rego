# METADATA
# title: VPC reaches the EC2 API through a VPC endpoint
# description: |
#   Checks that the VPC has an available interface endpoint for the EC2 API
#   (com.amazonaws.<region>.ec2), so instances call EC2 over the AWS network without a
#   route to the internet, and endpoint policies can restrict those calls.
# custom:
#   id: vpc_endpoint_for_ec2_enabled
#   severity: low
#   service: vpc
#   resource_type: AWS::EC2::VPC
#   requires: [endpoints]
#   risk: Private workloads need an internet path (NAT) for EC2 API calls, and there is no endpoint policy to confine which accounts and actions they reach.
#   remediation:
#     text: Create an interface VPC endpoint for the EC2 service in the VPC's private subnets, with private DNS enabled.
#     cli: aws ec2 create-vpc-endpoint --vpc-id VPC_ID --vpc-endpoint-type Interface --service-name com.amazonaws.REGION.ec2 --subnet-ids SUBNET_IDS --security-group-ids SG_ID --private-dns-enabled
#     terraform: |
#       resource "aws_vpc_endpoint" "ec2" {
#         vpc_id              = aws_vpc.this.id
#         service_name        = "com.amazonaws.${var.region}.ec2"
#         vpc_endpoint_type   = "Interface"
#         private_dns_enabled = true
#         subnet_ids          = aws_subnet.private[*].id
#       }
package parapet.aws.vpc.vpc_endpoint_for_ec2_enabled

import rego.v1

import data.parapet.lib.util

endpoints := input.resource.attributes.endpoints

# Service names look like com.amazonaws.<region>.ec2 (and in some partitions cn.com.amazonaws...).
ec2_endpoint(e) if {
	endswith(e.ServiceName, sprintf(".%s.ec2", [input.resource.region]))
	e.State == "available"
}

status := "PASS" if {
	is_array(endpoints)
	some e in endpoints
	ec2_endpoint(e)
}

status := "FAIL" if {
	is_array(endpoints)
	not any_ec2_endpoint
}

any_ec2_endpoint if {
	some e in util.as_list(endpoints)
	ec2_endpoint(e)
}

reason := sprintf("VPC %s has an EC2 API endpoint", [input.resource.name]) if status == "PASS"

reason := sprintf("VPC %s has no available EC2 API endpoint", [input.resource.name]) if status == "FAIL"
