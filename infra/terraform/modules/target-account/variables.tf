# The same settings as infra/cloudformation/target-account.yml's parameters.

variable "scanner_account_id" {
  description = "The account where the scanner runs."
  type        = string
  validation {
    condition     = can(regex("^[0-9]{12}$", var.scanner_account_id))
    error_message = "A 12-digit account id."
  }
}

variable "scanner_name_prefix" {
  description = "name_prefix of the scanner; only its worker and scheduler roles may assume the scan role."
  type        = string
  default     = ""
}

variable "external_id" {
  description = "Only without onboard_function_arn: this account's ExternalId (parapet accounts external-id). Ignored otherwise: the onboard function derives it."
  type        = string
  sensitive   = true
  default     = ""
  validation {
    condition     = var.external_id == "" || length(var.external_id) >= 8
    error_message = "At least 8 characters."
  }
}

variable "role_name" {
  description = "Name of the read-only role; must match the scanner's target_role_name_pattern (parapet-scan*)."
  type        = string
  default     = "parapet-scan"
}

variable "scanner_event_bus_arn" {
  description = "event_bus_arn output of the scanner. Empty turns real-time rescans off."
  type        = string
  default     = ""
}

variable "onboard_function_arn" {
  description = "onboard_function_arn output of the scanner. Empty skips registration."
  type        = string
  default     = ""
}

variable "regions" {
  description = "Regions to scan; empty for every region enabled in the account."
  type        = list(string)
  default     = []
}

variable "excluded_regions" {
  type    = list(string)
  default = []
}

variable "excluded_resource_types" {
  description = "CloudFormation type names never collected, e.g. AWS::EC2::Volume."
  type        = list(string)
  default     = []
}

variable "excluded_resource_regexes" {
  description = "Regular expressions of resource ids (ARN or name) to skip."
  type        = list(string)
  default     = []
}

variable "real_time" {
  description = "Rescan a resource within seconds of a CloudTrail write event that changed it."
  type        = bool
  default     = true
}

variable "forward_events_in_this_region" {
  description = "Create this region's forwarding rule here (false when target-account-region covers every region)."
  type        = bool
  default     = true
}

variable "enabled" {
  description = "Whether the scanner scans the account (false keeps it registered but idle)."
  type        = bool
  default     = true
}
