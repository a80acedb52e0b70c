# METADATA
# title: EC2 instance does not expose PostgreSQL (TCP port 5432) to the internet
# description: |
#   Checks the security groups attached to the instance for a rule admitting 0.0.0.0/0
#   or ::/0 to TCP port 5432 (PostgreSQL). Such a rule reaches the instance
#   when it has a public IPv4 address (for 0.0.0.0/0) or an IPv6 address (for ::/0, as
#   IPv6 addresses are globally routable); without one the rule is reported but passes.
# custom:
#   id: ec2_instance_port_postgresql_exposed_to_internet
#   severity: high
#   service: ec2
#   resource_type: AWS::EC2::Instance
#   requires: [security_group_rules, PublicIpAddress, Ipv6Address]
#   risk: The database is open to credential guessing and to exploits against the server from anywhere.
#   remediation:
#     text: Remove the internet rule from the instance's security groups (admit only known ranges or other security groups), or move the instance to a private subnet without a public address.
#     cli: aws ec2 revoke-security-group-ingress --group-id GROUP_ID --ip-permissions 'IpProtocol=tcp,FromPort=5432,ToPort=5432,IpRanges=[{CidrIp=0.0.0.0/0}]'
#     terraform: |
#       resource "aws_instance" "this" {
#         associate_public_ip_address = false
#         vpc_security_group_ids      = [aws_security_group.private.id]
#       }
package parapet.aws.ec2.ec2_instance_port_postgresql_exposed_to_internet

import rego.v1

import data.parapet.lib.port_exposure

# The service's TCP ports; the verdict and its reason are the family's (port_exposure.rego).
ports := [5432]

verdict := port_exposure.instance_verdict(ports, "PostgreSQL")

status := verdict.status

reason := verdict.reason
