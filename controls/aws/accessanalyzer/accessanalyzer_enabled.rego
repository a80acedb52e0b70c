# METADATA
# title: IAM Access Analyzer is enabled in the region
# description: |
#   An external access analyzer continuously finds resources in the region (buckets,
#   keys, roles, queues, snapshots and more) whose policies share them with
#   principals outside the account or organization. CIS asks for an active analyzer
#   in every region; unused-access and internal-access analyzers do not look for
#   external sharing and do not count.
# custom:
#   id: accessanalyzer_enabled
#   severity: medium
#   service: accessanalyzer
#   resource_type: Parapet::AccessAnalyzer::RegionSettings
#   requires: [analyzers]
#   risk: A resource shared publicly or with another account by mistake goes unnoticed until someone outside uses it.
#   remediation:
#     text: Create an account (or, from the delegated administrator, organization) analyzer in every region in use.
#     cli: aws accessanalyzer create-analyzer --analyzer-name account-analyzer --type ACCOUNT --region REGION
#     cloudformation: |
#       Analyzer:
#         Type: AWS::AccessAnalyzer::Analyzer
#         Properties:
#           AnalyzerName: account-analyzer
#           Type: ACCOUNT
#     terraform: |
#       resource "aws_accessanalyzer_analyzer" "this" {
#         analyzer_name = "account-analyzer"
#         type          = "ACCOUNT"
#       }
package parapet.aws.accessanalyzer.accessanalyzer_enabled

import rego.v1

analyzers := input.resource.attributes.analyzers if is_array(input.resource.attributes.analyzers)

# Analyzer types that report external access.
external_types := {"ACCOUNT", "ORGANIZATION"}

active contains a.name if {
	some a in analyzers
	a.status == "ACTIVE"
	a.type in external_types
}

status := "PASS" if count(active) > 0

status := "FAIL" if {
	is_array(analyzers)
	count(active) == 0
}

region := input.resource.region

reason := sprintf("region %s has active external access analyzer %s", [region, concat(", ", sort(active))]) if status == "PASS"

reason := sprintf("region %s has no IAM Access Analyzer", [region]) if {
	status == "FAIL"
	analyzers == []
}

reason := sprintf("region %s has analyzers (%s) but none is an active account or organization analyzer", [region, concat(", ", [sprintf("%v: %v %v", [a.name, a.type, a.status]) | some a in analyzers])]) if {
	status == "FAIL"
	count(analyzers) > 0
}
