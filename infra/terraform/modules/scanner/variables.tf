# The same settings as infra/cloudformation/scanner.yml's parameters.

variable "name_prefix" {
  description = "Prefix of every resource name (table <prefix>parapet), to run several installations in one account."
  type        = string
  default     = ""
  validation {
    condition     = can(regex("^[a-z0-9-]{0,20}$", var.name_prefix))
    error_message = "Lower-case letters, digits and dashes, at most 20."
  }
}

variable "code_bucket" {
  description = "S3 bucket holding the function zips (in this region)."
  type        = string
}

variable "scheduler_code_key" {
  type    = string
  default = "parapet/scheduler.zip"
}

variable "worker_code_key" {
  type    = string
  default = "parapet/worker.zip"
}

variable "events_code_key" {
  type    = string
  default = "parapet/events.zip"
}

variable "onboard_code_key" {
  type    = string
  default = "parapet/onboard.zip"
}

variable "architecture" {
  description = "What the zips were built for (cargo lambda build --release --arm64 gives arm64)."
  type        = string
  default     = "arm64"
  validation {
    condition     = contains(["arm64", "x86_64"], var.architecture)
    error_message = "arm64 or x86_64."
  }
}

variable "schedule_expression" {
  description = "How often every registered account gets a full scan."
  type        = string
  default     = "rate(1 day)"
}

variable "max_receive_count" {
  description = "Deliveries of a message before SQS moves it to the dead-letter queue (PARAPET_MAX_RECEIVE)."
  type        = number
  default     = 3
}

variable "worker_concurrency" {
  description = "Reserved concurrency of the worker, which bounds the API call rate against target accounts and the table."
  type        = number
  default     = 10
  validation {
    condition     = var.worker_concurrency >= 2
    error_message = "At least 2 (the smallest maximum concurrency of an SQS trigger)."
  }
}

variable "worker_memory" {
  type    = number
  default = 1024
}

variable "rescan_delay_seconds" {
  type    = number
  default = 5
}

variable "stuck_scan_minutes" {
  type    = number
  default = 360
}

variable "log_level" {
  type    = string
  default = "info"
}

variable "log_retention_days" {
  description = "A year by default: the logs are the record of what the scanner did."
  type        = number
  default     = 365
}

variable "target_role_name_pattern" {
  description = "Names of the target accounts' read-only roles the worker and scheduler may assume (any account)."
  type        = string
  default     = "parapet-scan*"
}

variable "organization_id" {
  description = "Accounts of this Organization may forward events to the bus and register themselves. Empty for none."
  type        = string
  default     = ""
}

variable "member_account_ids" {
  description = "Accounts outside an Organization that may forward events and register."
  type        = list(string)
  default     = []
}

variable "cloudtrail_bucket_name" {
  description = "Optional bucket of CloudTrail log files whose notifications go to the events queue. Empty for none."
  type        = string
  default     = ""
}

variable "cloudtrail_kms_key_arn" {
  description = "The KMS key the trail encrypts its log files with, if any (the events function decrypts them through S3)."
  type        = string
  default     = ""
}
