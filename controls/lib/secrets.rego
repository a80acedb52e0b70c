# Heuristics for secrets written in clear text into configuration (environment
# variables, build variables, URLs). Shared so every control judges a value the same way.
package parapet.lib.secrets

import rego.v1

# Variable names that announce a credential.
secret_name_pattern := `(?i)(passw(or)?d|passwd|pwd|secret|token|api[_-]?key|access[_-]?key|private[_-]?key|credential|auth[_-]?key|client[_-]?secret)`

# Values that are credentials whatever their variable is called: AWS access key ids,
# PEM private keys, GitHub, GitLab and Slack tokens.
secret_value_patterns := [
	`(AKIA|ASIA)[0-9A-Z]{16}`,
	`-----BEGIN [A-Z ]*PRIVATE KEY-----`,
	`gh[pousr]_[A-Za-z0-9]{36}`,
	`glpat-[A-Za-z0-9_-]{20}`,
	`xox[baprs]-[A-Za-z0-9-]{10,}`,
]

# A value that points at a secret store instead of holding the secret.
reference_value(v) if startswith(v, "arn:aws")

reference_value(v) if regex.match(`^\$\{.*\}$`, v)

secret_value(v) if {
	some p in secret_value_patterns
	regex.match(p, v)
}

# A name/value pair that holds a credential in clear text: a credential-looking value,
# or a credential-looking name with a non-empty value that is not a reference.
clear_text_secret(name, value) if {
	is_string(value)
	secret_value(value)
}

clear_text_secret(name, value) if {
	is_string(value)
	trim_space(value) != ""
	regex.match(secret_name_pattern, name)
	not reference_value(value)
}

# A URL with credentials in its user-info part (https://user:password@host/...,
# https://token@host/...).
url_has_credentials(url) if regex.match(`^[a-zA-Z][a-zA-Z0-9+.-]*://[^/@\s]+@`, url)
