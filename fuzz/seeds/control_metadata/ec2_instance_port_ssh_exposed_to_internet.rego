# METADATA
# title: EC2 instance does not expose SSH (TCP port 22) to the internet
# description: |
#   Checks the security groups attached to the instance for a rule admitting 0.0.0.0/0
#   or ::/0 to TCP port 22 (SSH). Such a rule reaches the instance
#   when it has a public IPv4 address (for 0.0.0.0/0) or an IPv6 address (for ::/0, as
#   IPv6 addresses are globally routable); without one the rule is reported but passes.
# custom:
#   id: fuzz_control
#   severity: high
#   service: ec2
#   resource_type: AWS::EC2::Instance
#   requires: [security_group_rules, PublicIpAddress]
#   risk: SSH from anywhere invites credential brute-forcing and exploits against the daemon.
#   remediation:
#     text: Remove the internet rule from the instance's security groups (admit only known ranges or other security groups), or move the instance to a private subnet without a public address.
#     cli: aws ec2 revoke-security-group-ingress --group-id GROUP_ID --ip-permissions 'IpProtocol=tcp,FromPort=22,ToPort=22,IpRanges=[{CidrIp=0.0.0.0/0}]'
#     terraform: |
#       resource "aws_instance" "this" {
#         associate_public_ip_address = false
#         vpc_security_group_ids      = [aws_security_group.private.id]
#       }
package parapet.aws.ec2.fuzz_control
