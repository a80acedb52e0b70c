package parapet.lib.secrets_test

import rego.v1

import data.parapet.lib.secrets

test_names_that_announce_credentials if {
	secrets.clear_text_secret("DB_PASSWORD", "hunter2")
	secrets.clear_text_secret("stripe_api_key", "sk_live_x")
	secrets.clear_text_secret("GITHUB_TOKEN", "abc")
	not secrets.clear_text_secret("LOG_LEVEL", "debug")
}

test_references_and_empty_values_are_not_secrets if {
	not secrets.clear_text_secret("DB_PASSWORD", "arn:aws:secretsmanager:us-east-1:111122223333:secret:db")
	not secrets.clear_text_secret("DB_PASSWORD", "")
	not secrets.clear_text_secret("DB_PASSWORD", "${DB_PASSWORD}")
}

test_values_that_are_credentials_whatever_the_name if {
	secrets.clear_text_secret("X", "AKIAIOSFODNN7EXAMPLE")
	secrets.clear_text_secret("CONFIG", "-----BEGIN RSA PRIVATE KEY-----\nMII")
	not secrets.clear_text_secret("X", "akiaiosfodnn7example")
}

test_urls_with_user_info if {
	secrets.url_has_credentials("https://user:pass@github.com/org/repo.git")
	secrets.url_has_credentials("https://ghp_token@github.com/org/repo.git")
	not secrets.url_has_credentials("https://github.com/org/repo.git")
	not secrets.url_has_credentials("https://github.com/org/repo@v1")
}
