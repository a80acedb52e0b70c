# METADATA
# title: VPC reaches Bedrock through a VPC endpoint
# description: |
#   Checks that the VPC has a VPC endpoint for the Bedrock runtime
#   (com.amazonaws.<region>.bedrock-runtime), so model calls from its workloads stay on
#   the AWS network and can be limited by an endpoint policy.
# custom:
#   id: bedrock_vpc_endpoints_configured
#   severity: low
#   service: bedrock
#   resource_type: AWS::EC2::VPC
#   requires: [endpoints]
#   risk: Prompts and responses travel over the internet path, and model access from the VPC cannot be restricted with an endpoint policy.
#   remediation:
#     text: Create an interface VPC endpoint for bedrock-runtime (and bedrock-agent-runtime if agents are used) in the VPC's private subnets.
#     cli: aws ec2 create-vpc-endpoint --vpc-id VPC --vpc-endpoint-type Interface --service-name com.amazonaws.REGION.bedrock-runtime --subnet-ids SUBNETS --security-group-ids SG
#     terraform: |
#       resource "aws_vpc_endpoint" "bedrock_runtime" {
#         vpc_id              = aws_vpc.this.id
#         service_name        = "com.amazonaws.${var.region}.bedrock-runtime"
#         vpc_endpoint_type   = "Interface"
#         private_dns_enabled = true
#       }
package parapet.aws.bedrock.bedrock_vpc_endpoints_configured

import rego.v1

endpoints := input.resource.attributes.endpoints

has_runtime_endpoint if {
	some e in endpoints
	endswith(e.ServiceName, ".bedrock-runtime")
	lower(object.get(e, "State", "available")) != "deleted"
}

status := "PASS" if has_runtime_endpoint

status := "FAIL" if {
	is_array(endpoints)
	not has_runtime_endpoint
}

reason := sprintf("VPC %s has a Bedrock runtime endpoint", [input.resource.name]) if status == "PASS"

reason := sprintf("VPC %s has no Bedrock runtime endpoint", [input.resource.name]) if status == "FAIL"
