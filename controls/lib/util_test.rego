package parapet.lib.util_test

import rego.v1

import data.parapet.lib.util

test_as_list_wraps_scalars if util.as_list("a") == ["a"]

test_as_list_keeps_lists if util.as_list(["a", "b"]) == ["a", "b"]

test_as_list_of_null_is_empty if util.as_list(null) == []

test_days_since if {
	util.days_since("2026-01-01T00:00:00Z") == 10 with input as {"now": "2026-01-11T12:00:00Z"}
}

test_within_days if {
	util.within_days("2026-01-05T00:00:00Z", 7) with input as {"now": "2026-01-11T00:00:00Z"}
	not util.within_days("2026-01-01T00:00:00Z", 7) with input as {"now": "2026-01-11T00:00:00Z"}
	not util.within_days(null, 7) with input as {"now": "2026-01-11T00:00:00Z"}
}
