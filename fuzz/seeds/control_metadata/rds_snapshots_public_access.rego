# METADATA
# title: RDS DB snapshot is not public
# description: |
#   Checks whether a manual DB snapshot can be restored by every AWS account (its
#   restore attribute includes "all"). Sharing with named accounts is not public and
#   passes, with the accounts in the reason. Automated snapshots cannot be shared.
# custom:
#   id: fuzz_control
#   severity: critical
#   service: rds
#   resource_type: AWS::RDS::DBSnapshot
#   requires: [restorable_by]
#   risk: Anyone can restore the database copy in their own account and read all of its data.
#   remediation:
#     text: Remove "all" from the snapshot's restore attribute (share with named accounts if needed).
#     cli: aws rds modify-db-snapshot-attribute --db-snapshot-identifier SNAPSHOT --attribute-name restore --values-to-remove all
package parapet.aws.rds.fuzz_control
