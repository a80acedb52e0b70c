# Secrets written in clear text into configuration (environment variables, build
# variables, URLs). Shared so every control judges a value the same way.
package parapet.lib.secrets

import rego.v1

# Values of name/value attributes that may hold credentials never reach a control: the
# collector replaces each with "[redacted]" and records `looks_secret`, judged from the
# name and the value before the value was dropped (shared/src/collect/redact.rs: a
# credential-looking value such as an AWS access key id, a PEM private key or a known
# token format, or a credential-looking name such as PASSWORD, TOKEN or API_KEY with a
# non-empty value that is not a secret-store reference). An entry is a list item
# `{name, value, looks_secret}` or a map value `{value, looks_secret}`.
flagged(entry) if {
	is_object(entry)
	entry.looks_secret == true
}

# A URL with credentials in its user-info part (https://user:password@host/...,
# https://token@host/...). Collectors keep the user-info's place, as "[redacted]@".
url_has_credentials(url) if regex.match(`^[a-zA-Z][a-zA-Z0-9+.-]*://[^/@\s]+@`, url)
