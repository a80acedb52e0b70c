# METADATA
# title: DocumentDB cluster snapshot is not public
# description: |
#   Checks whether a manual DocumentDB cluster snapshot can be restored by every AWS
#   account (its restore attribute includes "all"). Sharing with named accounts is not
#   public and passes, naming the accounts. Automated snapshots cannot be shared.
# custom:
#   id: documentdb_cluster_public_snapshot
#   severity: critical
#   service: documentdb
#   resource_type: AWS::DocDB::DBClusterSnapshot
#   requires: [restorable_by]
#   risk: Anyone can restore the snapshot into their own account and read every record in it.
#   remediation:
#     text: Remove "all" from the snapshot's restore attribute; share with named accounts only where needed.
#     cli: aws docdb modify-db-cluster-snapshot-attribute --db-cluster-snapshot-identifier SNAPSHOT --attribute-name restore --values-to-remove all
package parapet.aws.documentdb.documentdb_cluster_public_snapshot

import rego.v1

import data.parapet.lib.util

restorable := input.resource.attributes.restorable_by

status := "FAIL" if "all" in util.as_list(restorable)

status := "PASS" if {
	is_array(restorable)
	not "all" in restorable
}

accounts := sort([a | some a in util.as_list(restorable); a != "all"])

reason := sprintf("DocumentDB cluster snapshot %s can be restored by any AWS account", [input.resource.name]) if status == "FAIL"

reason := sprintf("DocumentDB cluster snapshot %s is not public", [input.resource.name]) if {
	status == "PASS"
	count(accounts) == 0
}

reason := sprintf("DocumentDB cluster snapshot %s is not public; it is shared with accounts %s", [input.resource.name, concat(", ", accounts)]) if {
	status == "PASS"
	count(accounts) > 0
}
