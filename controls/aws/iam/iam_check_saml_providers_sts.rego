# METADATA
# title: People sign in through a central identity provider
# description: |
#   CIS recommends managing people's access centrally, through IAM Identity Center
#   or another SAML identity provider, rather than with long-lived IAM users in each
#   account. A SAML provider in IAM shows federation is set up (Identity Center
#   creates one in every account it manages); whether every person actually uses it
#   is worth a look at the IAM users that remain.
# custom:
#   id: iam_check_saml_providers_sts
#   severity: low
#   service: iam
#   resource_type: Parapet::Account::Settings
#   requires: [saml_providers]
#   risk: Per-account IAM users are easy to forget when people leave and carry long-lived passwords and keys.
#   remediation:
#     text: Set up IAM Identity Center or a SAML 2.0 identity provider for people's access, then remove the IAM users they used before.
#     cli: aws iam create-saml-provider --name CorporateIdP --saml-metadata-document file://metadata.xml
#     cloudformation: |
#       IdP:
#         Type: AWS::IAM::SAMLProvider
#         Properties:
#           Name: CorporateIdP
#           SamlMetadataDocument: "<EntityDescriptor ...>"
#     terraform: |
#       resource "aws_iam_saml_provider" "idp" {
#         name                   = "CorporateIdP"
#         saml_metadata_document = file("metadata.xml")
#       }
package parapet.aws.iam.iam_check_saml_providers_sts

import rego.v1

providers := input.resource.attributes.saml_providers

status := "PASS" if {
	is_array(providers)
	count(providers) > 0
}

status := "FAIL" if providers == []

reason := sprintf("account %s has %d SAML identity provider(s), so people can sign in through federation", [input.resource.name, count(providers)]) if status == "PASS"

reason := sprintf("account %s has no SAML identity provider, so people sign in with IAM users rather than through a central identity provider", [input.resource.name]) if status == "FAIL"
