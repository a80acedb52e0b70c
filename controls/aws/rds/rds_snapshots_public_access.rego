# METADATA
# title: RDS DB snapshot is not public
# description: |
#   Checks whether a manual DB snapshot can be restored by every AWS account (its
#   restore attribute includes "all"). Sharing with named accounts is not public and
#   passes, with the accounts in the reason. Automated snapshots cannot be shared.
# custom:
#   id: rds_snapshots_public_access
#   severity: critical
#   service: rds
#   resource_type: AWS::RDS::DBSnapshot
#   requires: [restorable_by]
#   risk: Anyone can restore the database copy in their own account and read all of its data.
#   remediation:
#     text: Remove "all" from the snapshot's restore attribute (share with named accounts if needed).
#     cli: aws rds modify-db-snapshot-attribute --db-snapshot-identifier SNAPSHOT --attribute-name restore --values-to-remove all
package parapet.aws.rds.rds_snapshots_public_access

import rego.v1

import data.parapet.lib.util

restorable := input.resource.attributes.restorable_by

status := "FAIL" if "all" in util.as_list(restorable)

status := "PASS" if {
	is_array(restorable)
	not "all" in restorable
}

accounts := sort([a | some a in util.as_list(restorable); a != "all"])

reason := sprintf("DB snapshot %s can be restored by any AWS account", [input.resource.name]) if status == "FAIL"

reason := sprintf("DB snapshot %s is not public", [input.resource.name]) if {
	status == "PASS"
	count(accounts) == 0
}

reason := sprintf("DB snapshot %s is not public; it is shared with accounts %s", [input.resource.name, concat(", ", accounts)]) if {
	status == "PASS"
	count(accounts) > 0
}
