# METADATA
# title: Transfer Family server offers no plain FTP
# description: |
#   Checks that the server's protocols do not include FTP, which sends credentials and
#   files unencrypted; SFTP, FTPS and AS2 encrypt them.
# custom:
#   id: transfer_server_in_transit_encryption_enabled
#   severity: high
#   service: transfer
#   resource_type: AWS::Transfer::Server
#   requires: [Protocols]
#   risk: User names, passwords and transferred files can be read and altered on the network.
#   remediation:
#     text: Remove FTP from the server's protocols and move its users to SFTP or FTPS.
#     cli: aws transfer update-server --server-id SERVER --protocols SFTP
#     terraform: |
#       resource "aws_transfer_server" "this" {
#         protocols = ["SFTP"]
#       }
package parapet.aws.transfer.transfer_server_in_transit_encryption_enabled

import rego.v1

protocols := input.resource.attributes.Protocols

status := "PASS" if {
	is_array(protocols)
	not "FTP" in protocols
}

status := "FAIL" if "FTP" in protocols

reason := sprintf("server %s offers only encrypted protocols (%s)", [input.resource.name, concat(", ", protocols)]) if status == "PASS"

reason := sprintf("server %s offers plain FTP", [input.resource.name]) if status == "FAIL"
