# METADATA
# title: CodeBuild project source URLs carry no credentials
# description: |
#   Checks the primary and secondary source locations for credentials written into the
#   URL (https://user:password@host/... or https://token@host/...). CodeBuild's source
#   credentials or a CodeConnections connection keep them out of the project instead.
# custom:
#   id: codebuild_project_source_repo_url_no_sensitive_credentials
#   severity: critical
#   service: codebuild
#   resource_type: AWS::CodeBuild::Project
#   requires: [secondarySources, source]
#   risk: Anyone who can read the project's configuration gets a token to the source repository, and with it the code and often write access.
#   remediation:
#     text: Remove the credentials from the URL, import them as source credentials (or use a CodeConnections connection), and revoke the exposed token.
#     cli: aws codebuild import-source-credentials --server-type GITHUB --auth-type PERSONAL_ACCESS_TOKEN --token TOKEN
#     terraform: |
#       resource "aws_codebuild_source_credential" "github" {
#         auth_type   = "PERSONAL_ACCESS_TOKEN"
#         server_type = "GITHUB"
#         token       = var.github_token
#       }
package parapet.aws.codebuild.codebuild_project_source_repo_url_no_sensitive_credentials

import rego.v1

import data.parapet.lib.secrets

attrs := input.resource.attributes

sources := array.concat([object.get(attrs, "source", {})], object.get(attrs, "secondarySources", []))

leaking := sort([object.get(s, "sourceIdentifier", "primary") |
	some s in sources
	is_string(s.location)
	secrets.url_has_credentials(s.location)
])

status := "PASS" if count(leaking) == 0

status := "FAIL" if count(leaking) > 0

reason := sprintf("build project %s has no credentials in its source URLs", [input.resource.name]) if status == "PASS"

reason := sprintf("build project %s has credentials in source URLs: %s", [input.resource.name, concat(", ", leaking)]) if status == "FAIL"
