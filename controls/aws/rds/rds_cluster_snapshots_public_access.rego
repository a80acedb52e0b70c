# METADATA
# title: RDS DB cluster snapshot is not public
# description: |
#   Checks whether a manual Aurora or Multi-AZ DB cluster snapshot can be restored by
#   every AWS account (its restore attribute includes "all"). Sharing with named accounts
#   is not public and passes, with the accounts in the reason. Automated snapshots cannot
#   be shared. Prowler judges cluster snapshots under rds_snapshots_public_access; parapet
#   gives each resource type its own control, so cluster snapshots have this one.
# custom:
#   id: rds_cluster_snapshots_public_access
#   severity: critical
#   service: rds
#   resource_type: AWS::RDS::DBClusterSnapshot
#   requires: [restorable_by]
#   risk: Anyone can restore the cluster copy in their own account and read all of its data.
#   remediation:
#     text: Remove "all" from the cluster snapshot's restore attribute (share with named accounts if needed).
#     cli: aws rds modify-db-cluster-snapshot-attribute --db-cluster-snapshot-identifier SNAPSHOT --attribute-name restore --values-to-remove all
package parapet.aws.rds.rds_cluster_snapshots_public_access

import rego.v1

import data.parapet.lib.util

restorable := input.resource.attributes.restorable_by

status := "FAIL" if "all" in util.as_list(restorable)

status := "PASS" if {
	is_array(restorable)
	not "all" in restorable
}

accounts := sort([a | some a in util.as_list(restorable); a != "all"])

reason := sprintf("DB cluster snapshot %s can be restored by any AWS account", [input.resource.name]) if status == "FAIL"

reason := sprintf("DB cluster snapshot %s is not public", [input.resource.name]) if {
	status == "PASS"
	count(accounts) == 0
}

reason := sprintf("DB cluster snapshot %s is not public; it is shared with accounts %s", [input.resource.name, concat(", ", accounts)]) if {
	status == "PASS"
	count(accounts) > 0
}
