# METADATA
# title: Subnet does not give instances public IPv4 addresses by default
# description: |
#   Checks the subnet's MapPublicIpOnLaunch setting. When it is on, every instance
#   launched there gets a public address unless the launch request says otherwise, so a
#   forgotten flag puts an instance on the internet. Default subnets of the default VPC
#   have it on; they fail too.
# custom:
#   id: vpc_subnet_no_public_ip_by_default
#   severity: medium
#   service: vpc
#   resource_type: AWS::EC2::Subnet
#   requires: [MapPublicIpOnLaunch]
#   risk: Instances become reachable from the internet by default, wherever their security groups allow.
#   remediation:
#     text: Turn off auto-assignment of public IPv4 addresses on the subnet and request public addresses explicitly for the few instances that need them (or put those behind a load balancer).
#     cli: aws ec2 modify-subnet-attribute --subnet-id SUBNET_ID --no-map-public-ip-on-launch
#     cloudformation: |
#       Subnet:
#         Type: AWS::EC2::Subnet
#         Properties:
#           MapPublicIpOnLaunch: false
#     terraform: |
#       resource "aws_subnet" "this" {
#         map_public_ip_on_launch = false
#       }
package parapet.aws.vpc.vpc_subnet_no_public_ip_by_default

import rego.v1

map_public := input.resource.attributes.MapPublicIpOnLaunch

status := "PASS" if map_public == false

status := "FAIL" if map_public == true

reason := sprintf("subnet %s does not assign public IPv4 addresses on launch", [input.resource.name]) if status == "PASS"

reason := sprintf("subnet %s assigns a public IPv4 address to every instance launched in it", [input.resource.name]) if status == "FAIL"
