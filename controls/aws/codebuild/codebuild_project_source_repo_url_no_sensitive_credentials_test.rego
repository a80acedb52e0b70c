package parapet.aws.codebuild.codebuild_project_source_repo_url_no_sensitive_credentials_test

import rego.v1

import data.parapet.aws.codebuild.codebuild_project_source_repo_url_no_sensitive_credentials as control

project(attrs) := {"resource": {"name": "build", "attributes": attrs}}

test_plain_url_passes if {
	control.status == "PASS" with input as project({"source": {"type": "GITHUB", "location": "https://github.com/org/app.git"}})
	# S3 and CodePipeline sources have no URL.
	control.status == "PASS" with input as project({"source": {"type": "CODEPIPELINE"}})
}

test_token_in_primary_url_fails if {
	inp := project({"source": {"type": "GITHUB", "location": "https://ghp_abc@github.com/org/app.git"}})
	control.status == "FAIL" with input as inp
	control.reason == "build project build has credentials in source URLs: primary" with input as inp
}

test_password_in_secondary_url_fails if {
	inp := project({
		"source": {"type": "GITHUB", "location": "https://github.com/org/app.git"},
		"secondarySources": [{"type": "BITBUCKET", "sourceIdentifier": "libs", "location": "https://ci:secret@bitbucket.org/org/libs.git"}],
	})
	control.reason == "build project build has credentials in source URLs: libs" with input as inp
}
