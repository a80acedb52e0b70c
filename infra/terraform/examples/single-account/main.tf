# One account scanning itself: the scanner and the target role in the same account,
# with real-time rescans in two regions.
# The target stack gets this account's ExternalId from the scanner's onboard function.
#   terraform init && terraform apply -var code_bucket=my-bucket

terraform {
  required_version = ">= 1.5"
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = ">= 5.40"
    }
  }
}

variable "code_bucket" {
  description = "Bucket holding parapet/{scheduler,worker,events,onboard}.zip (see README)."
  type        = string
}

provider "aws" {
  region = "us-east-1"
}

provider "aws" {
  alias  = "eu_west_1"
  region = "eu-west-1"
}

data "aws_caller_identity" "current" {}

module "scanner" {
  source      = "../../modules/scanner"
  code_bucket = var.code_bucket
}

module "target" {
  source                = "../../modules/target-account"
  scanner_account_id    = data.aws_caller_identity.current.account_id
  scanner_event_bus_arn = module.scanner.event_bus_arn
  onboard_function_arn  = module.scanner.onboard_function_arn
  regions               = ["us-east-1", "eu-west-1"]
}

# The second region's forwarding rule (the module covers its provider's region).
module "target_eu_west_1" {
  source                = "../../modules/target-account-region"
  providers             = { aws = aws.eu_west_1 }
  scanner_event_bus_arn = module.scanner.event_bus_arn
  depends_on            = [module.target]
}

output "event_bus_arn" {
  value = module.scanner.event_bus_arn
}

output "scan_role_arn" {
  value = module.target.scan_role_arn
}
