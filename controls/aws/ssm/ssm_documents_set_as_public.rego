# METADATA
# title: Systems Manager document the account owns is not shared publicly
# description: |
#   Checks the document's share permission (DescribeDocumentPermission): a document
#   shared with "all" can be read and run by every AWS account.
# custom:
#   id: ssm_documents_set_as_public
#   severity: high
#   service: ssm
#   resource_type: AWS::SSM::Document
#   requires: [shared_with]
#   risk: Scripts, internal hostnames, paths and sometimes credentials in the document are readable by anyone.
#   remediation:
#     text: Remove the public share, and share with named accounts only; turn on the account's block public sharing setting for documents.
#     cli: aws ssm modify-document-permission --name DOCUMENT --permission-type Share --account-ids-to-remove All
#     terraform: |
#       resource "aws_ssm_document" "this" {
#         permissions = {
#           type        = "Share"
#           account_ids = "111122223333"
#         }
#       }
package parapet.aws.ssm.ssm_documents_set_as_public

import rego.v1

shared := input.resource.attributes.shared_with

public if {
	some a in shared
	lower(a) == "all"
}

status := "PASS" if {
	is_array(shared)
	not public
}

status := "PASS" if shared == null

status := "FAIL" if public

reason := sprintf("document %s is not shared publicly", [input.resource.name]) if status == "PASS"

reason := sprintf("document %s is shared with every AWS account", [input.resource.name]) if status == "FAIL"
