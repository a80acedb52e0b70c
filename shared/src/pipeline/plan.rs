use crate::aws::Clients;
use crate::collect::event_intake::is_region_name;
use crate::collect::{CollectorSpec, Scope, COLLECTORS};
use crate::model::{Account, Scan, ScanState, ScanTask, GLOBAL_REGION};
use anyhow::Context;
use chrono::Utc;

/// The regions of an account: those to scan, and opt-in regions left out because the
/// account has not enabled them.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Regions {
    pub enabled: Vec<String>,
    pub not_opted_in: Vec<String>,
}

/// Every region enabled in the account (EC2 DescribeRegions with opt-in status).
pub async fn discover_regions(clients: &Clients, home_region: &str) -> anyhow::Result<Regions> {
    let ec2 = clients.api(&crate::collect::EC2, home_region);
    let out = ec2
        .call("DescribeRegions", &serde_json::json!({"AllRegions": true}))
        .await
        .context("cannot list the account's regions (EC2 DescribeRegions)")?;
    let mut regions = Regions::default();
    for r in out["regionInfo"].as_array().into_iter().flatten() {
        let Some(name) = r["regionName"].as_str() else {
            continue;
        };
        match r["optInStatus"].as_str() {
            Some("not-opted-in") => regions.not_opted_in.push(name.to_string()),
            _ => regions.enabled.push(name.to_string()),
        }
    }
    regions.enabled.sort();
    regions.not_opted_in.sort();
    Ok(regions)
}

/// A new scan record for an account over some regions, with its task count.
pub fn new_scan(account_id: &str, regions: &[String], tasks: usize) -> Scan {
    let started_at = Utc::now();
    Scan {
        id: format!(
            "{}-{}",
            started_at.format("%Y%m%dT%H%M%SZ"),
            &uuid::Uuid::new_v4().simple().to_string()[..8]
        ),
        account_id: account_id.to_string(),
        started_at,
        finished_at: None,
        state: ScanState::Running,
        regions: regions.to_vec(),
        tasks_total: tasks as u32,
        tasks_done: 0,
        tasks_failed: 0,
        failures: Vec::new(),
        summary: None,
    }
}

/// A scan ready to record and enqueue.
#[derive(Debug, Clone)]
pub struct ScanPlan {
    pub scan: Scan,
    pub tasks: Vec<ScanTask>,
    /// Opt-in regions the account has not enabled (not scanned).
    pub not_opted_in: Vec<String>,
    /// Names the account listed as enabled regions that are not AWS region names (not
    /// scanned: a region name goes into endpoints and keys).
    pub not_region_names: Vec<String>,
}

/// What one account's scan covers, before discovery and exclusions.
#[derive(Debug, Clone, Copy, Default)]
pub struct ScanRequest<'a> {
    /// The regions to scan; empty scans every region enabled in the account.
    pub regions: &'a [String],
    pub excluded_regions: &'a [String],
    /// Resource types left out: a collector all of whose types are excluded is not run.
    pub excluded_resource_types: &'a [String],
}

/// Plans a scan of one account: its regions (as requested, or every enabled one), minus
/// the excluded ones, and a task per region of each of `collectors` that produces a type
/// not excluded. The CLI (single account and organization) and the scheduler function
/// all start scans through this.
pub async fn plan_scan(
    clients: &Clients,
    home_region: &str,
    account_id: &str,
    request: &ScanRequest<'_>,
    collectors: &[&CollectorSpec],
) -> anyhow::Result<ScanPlan> {
    let (mut regions, not_opted_in, not_region_names) = if request.regions.is_empty() {
        let found = discover_regions(clients, home_region).await?;
        let (names, odd): (Vec<String>, Vec<String>) =
            found.enabled.into_iter().partition(|r| is_region_name(r));
        (names, found.not_opted_in, odd)
    } else {
        (request.regions.to_vec(), Vec::new(), Vec::new())
    };
    regions.retain(|r| !request.excluded_regions.contains(r));
    if regions.is_empty() {
        anyhow::bail!("account {account_id} has no region left to scan after its exclusions");
    }
    let collectors: Vec<&CollectorSpec> = collectors
        .iter()
        .copied()
        .filter(|c| {
            c.resource_types
                .iter()
                .any(|t| !request.excluded_resource_types.iter().any(|x| x == t))
        })
        .collect();
    let mut scan = new_scan(account_id, &regions, 0);
    let tasks = plan_tasks(&scan.id, account_id, &regions, &collectors);
    scan.tasks_total = tasks.len() as u32;
    Ok(ScanPlan {
        scan,
        tasks,
        not_opted_in,
        not_region_names,
    })
}

/// Plans a scan of a registered account: its registered regions (or every enabled one)
/// and its exclusions (`plan_scan`).
pub async fn plan_account_scan(
    clients: &Clients,
    home_region: &str,
    account: &Account,
    collectors: &[&CollectorSpec],
) -> anyhow::Result<ScanPlan> {
    let request = ScanRequest {
        regions: &account.regions,
        excluded_regions: &account.excluded_regions,
        excluded_resource_types: &account.excluded_resource_types,
    };
    plan_scan(
        clients,
        home_region,
        &account.account_id,
        &request,
        collectors,
    )
    .await
}

/// The collectors that produce some resource type `wanted` accepts (e.g. the types the
/// selected controls evaluate), in plan order.
pub fn collectors_for(wanted: impl Fn(&str) -> bool) -> Vec<&'static CollectorSpec> {
    COLLECTORS
        .iter()
        .filter(|c| c.resource_types.iter().any(|t| wanted(t)))
        .collect()
}

/// One task per collector and region; global collectors once per account.
pub fn plan_tasks(
    scan_id: &str,
    account_id: &str,
    regions: &[String],
    collectors: &[&CollectorSpec],
) -> Vec<ScanTask> {
    let task = |region: &str, collector: &str| ScanTask {
        scan_id: scan_id.to_string(),
        account_id: account_id.to_string(),
        region: region.to_string(),
        collector: collector.to_string(),
        resource_ids: None,
        page_token: None,
        attempt: 0,
        summary_requested_at: None,
    };
    let mut tasks = Vec::new();
    for c in collectors.iter().filter(|c| c.scope == Scope::Global) {
        tasks.push(task(GLOBAL_REGION, c.name));
    }
    for region in regions {
        for c in collectors.iter().filter(|c| c.scope == Scope::Regional) {
            tasks.push(task(region, c.name));
        }
    }
    tasks
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plans_only_the_collectors_of_the_wanted_types_in_plan_order() {
        let wanted = [
            "AWS::S3::Bucket",
            "AWS::EC2::ClientVpnEndpoint",
            "AWS::IAM::Role",
        ];
        let names: Vec<&str> = collectors_for(|t| wanted.contains(&t))
            .iter()
            .map(|c| c.name)
            .collect();
        assert_eq!(names, ["iam", "s3", "clientvpn"]);
        assert!(collectors_for(|_| false).is_empty());
        assert_eq!(collectors_for(|_| true).len(), COLLECTORS.len());
    }

    #[test]
    fn plans_global_collectors_once_and_regional_ones_per_region() {
        let all: Vec<&CollectorSpec> = COLLECTORS.iter().collect();
        let regions = vec!["us-east-1".to_string(), "eu-west-1".to_string()];
        let tasks = plan_tasks("s", "123456789012", &regions, &all);
        let global = COLLECTORS
            .iter()
            .filter(|c| c.scope == Scope::Global)
            .count();
        let regional = COLLECTORS.len() - global;
        assert_eq!(tasks.len(), global + 2 * regional);
        assert_eq!(tasks.iter().filter(|t| t.collector == "iam").count(), 1);
        assert_eq!(tasks.iter().filter(|t| t.collector == "ec2").count(), 2);
        let keys: std::collections::HashSet<_> = tasks.iter().map(ScanTask::key).collect();
        assert_eq!(
            keys.len(),
            tasks.len(),
            "task keys must be unique within a scan"
        );
    }
}
