# METADATA
# title: Glue Data Catalog resource policy does not let anyone read or change the catalog
# description: |
#   Checks the region's Data Catalog resource policy (GetResourcePolicy) for statements
#   any AWS principal or anonymous caller can use (Principal "*", an every-account ARN,
#   or NotPrincipal) without a condition that pins the caller to known accounts,
#   organisations, source ARNs or networks. A catalog without a resource policy passes.
#   The analysis is the shared one of controls/lib/iam.rego.
# custom:
#   id: glue_data_catalogs_not_publicly_accessible
#   severity: high
#   service: glue
#   resource_type: Parapet::Glue::DataCatalog
#   requires: [policy]
#   risk: Any AWS account could read the catalog's databases and table definitions, including the S3 locations of the data, or change them.
#   remediation:
#     text: Name the consuming accounts or roles in the catalog policy's Principal, or pin them with aws:PrincipalOrgID; share through AWS Lake Formation where possible.
#     cli: aws glue put-resource-policy --policy-in-json file://catalog-policy.json
#     terraform: |
#       resource "aws_glue_resource_policy" "this" {
#         policy = data.aws_iam_policy_document.catalog_readers.json
#       }
package parapet.aws.glue.glue_data_catalogs_not_publicly_accessible

import rego.v1

import data.parapet.lib.resource_policy

policy := input.resource.attributes.policy

status := resource_policy.status(policy)

reason := resource_policy.reason("the Data Catalog of", input.resource.region, policy)
