output "scan_role_arn" {
  value = aws_iam_role.scan_role.arn
}

output "forward_role_arn" {
  value = local.forward ? aws_iam_role.forward_role[0].arn : null
}
