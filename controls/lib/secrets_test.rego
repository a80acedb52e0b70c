package parapet.lib.secrets_test

import rego.v1

import data.parapet.lib.secrets

test_entries_flagged_at_collection if {
	secrets.flagged({"name": "DB_PASSWORD", "value": "[redacted]", "looks_secret": true})
	secrets.flagged({"value": "[redacted]", "looks_secret": true})
	not secrets.flagged({"name": "LOG_LEVEL", "value": "[redacted]", "looks_secret": false})
}

test_entries_without_the_fact_are_not_flagged if {
	not secrets.flagged({"name": "DB_PASSWORD", "value": "[redacted]"})
	not secrets.flagged("[redacted]")
	not secrets.flagged({"looks_secret": "true"})
}

test_urls_with_user_info if {
	secrets.url_has_credentials("https://user:pass@github.com/org/repo.git")
	secrets.url_has_credentials("https://ghp_token@github.com/org/repo.git")
	secrets.url_has_credentials("https://[redacted]@github.com/org/repo.git")
	not secrets.url_has_credentials("https://github.com/org/repo.git")
	not secrets.url_has_credentials("https://github.com/org/repo@v1")
}
