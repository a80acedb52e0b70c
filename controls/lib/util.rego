# Helpers every control may use: list coercion and time arithmetic.
package parapet.lib.util

import rego.v1

# IAM and S3 accept a single value or a list in most policy fields.
as_list(x) := x if is_array(x)

as_list(x) := [] if x == null

as_list(x) := [x] if {
	not is_array(x)
	x != null
}

ns_per_day := ((24 * 60) * 60) * 1000000000

# Whole days from an RFC 3339 timestamp to the scan time (input.now).
days_since(ts) := floor((time.parse_rfc3339_ns(input.now) - time.parse_rfc3339_ns(ts)) / ns_per_day)

# True when ts is set and less than `days` days before the scan time.
within_days(ts, days) if {
	is_string(ts)
	days_since(ts) < days
}
