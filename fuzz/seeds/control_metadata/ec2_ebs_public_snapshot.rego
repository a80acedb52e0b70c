# METADATA
# title: EBS snapshot is not public
# description: |
#   Checks the snapshot's createVolumePermission for the group "all", which lets every
#   AWS account create a volume from it. Sharing with named accounts is not public and
#   passes (the accounts are listed in the reason).
# custom:
#   id: fuzz_control
#   severity: critical
#   service: ec2
#   resource_type: AWS::EC2::Snapshot
#   requires: [public, shared_with]
#   risk: Anyone can restore the disk image and read its files, credentials and database contents; public snapshots are actively searched for.
#   remediation:
#     text: Remove the public permission and turn on block public access for snapshots in the region.
#     cli: aws ec2 modify-snapshot-attribute --snapshot-id SNAPSHOT_ID --attribute createVolumePermission --operation-type remove --group-names all
#     terraform: |
#       resource "aws_ebs_snapshot_block_public_access" "this" {
#         state = "block-all-sharing"
#       }
package parapet.aws.ec2.fuzz_control
