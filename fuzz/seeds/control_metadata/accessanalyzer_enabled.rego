# METADATA
# title: IAM Access Analyzer is enabled in the region
# description: |
#   An external access analyzer continuously finds resources in the region (buckets,
#   keys, roles, queues, snapshots and more) whose policies share them with
#   principals outside the account or organization. CIS asks for an active analyzer
#   in every region; unused-access and internal-access analyzers do not look for
#   external sharing and do not count.
# custom:
#   id: fuzz_control
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
package parapet.aws.accessanalyzer.fuzz_control
