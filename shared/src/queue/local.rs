use super::TaskQueue;
use crate::model::ScanTask;
use async_trait::async_trait;
use tokio::sync::{mpsc, Mutex};

/// The in-process queue of the local CLI: an unbounded tokio channel.
pub struct LocalQueue {
    tx: mpsc::UnboundedSender<ScanTask>,
    rx: Mutex<mpsc::UnboundedReceiver<ScanTask>>,
}

impl Default for LocalQueue {
    fn default() -> Self {
        let (tx, rx) = mpsc::unbounded_channel();
        LocalQueue {
            tx,
            rx: Mutex::new(rx),
        }
    }
}

impl LocalQueue {
    /// The next task, or `None` when no task is waiting.
    pub async fn try_receive(&self) -> Option<ScanTask> {
        self.rx.lock().await.try_recv().ok()
    }
}

#[async_trait]
impl TaskQueue for LocalQueue {
    async fn send(&self, tasks: &[ScanTask]) -> anyhow::Result<()> {
        for t in tasks {
            self.tx
                .send(t.clone())
                .map_err(|_| anyhow::anyhow!("local task queue is closed"))?;
        }
        Ok(())
    }
}
