# METADATA
# title: EC2 instance has no public IPv4 address
# description: |
#   Checks whether the instance has a public IPv4 address (auto-assigned or Elastic IP).
#   Instances behind load balancers, NAT gateways or Session Manager need none; a public
#   address makes the instance reachable from the internet wherever its security groups
#   allow.
# custom:
#   id: ec2_instance_public_ip
#   severity: medium
#   service: ec2
#   resource_type: AWS::EC2::Instance
#   requires: [PublicIpAddress]
#   risk: Every port a security group opens, now or by a later mistake, is exposed to the whole internet.
#   remediation:
#     text: Launch instances in private subnets without public addresses and reach them through a load balancer, NAT gateway or Systems Manager; release Elastic IPs that are not needed.
#     cli: aws ec2 modify-subnet-attribute --subnet-id SUBNET_ID --no-map-public-ip-on-launch
#     cloudformation: |
#       Instance:
#         Type: AWS::EC2::Instance
#         Properties:
#           NetworkInterfaces:
#             - DeviceIndex: "0"
#               AssociatePublicIpAddress: false
#               SubnetId: !Ref PrivateSubnet
#     terraform: |
#       resource "aws_instance" "this" {
#         associate_public_ip_address = false
#       }
package parapet.aws.ec2.ec2_instance_public_ip

import rego.v1

ip := input.resource.attributes.PublicIpAddress

default status := "PASS"

status := "FAIL" if is_string(ip)

reason := sprintf("instance %s has public IPv4 address %s", [input.resource.name, ip]) if status == "FAIL"

reason := sprintf("instance %s has no public IPv4 address", [input.resource.name]) if status == "PASS"
