//! pactum's questions on several machines, with `datafusion-distributed`
//! (the `distributed` feature).
//!
//! A *coordinator* ([`coordinator`]) plans each query as usual, then
//! splits the plan into stages whose tasks run on *workers*: processes
//! serving [`worker`] over gRPC (the `pactum-sql-worker` binary is one).
//! Each worker reads its share of the Parquet files itself, so every
//! worker must see the files under the paths the coordinator registered
//! (a shared disk, or the same copy on each machine), and streams Arrow
//! record batches back. The coordinator registers the tables
//! ([`register_parquet_dir`](crate::register_parquet_dir)) and pactum's
//! functions; the workers need only the scalar functions, which
//! [`worker`] registers for each query it is sent.
//!
//! `docs/distributed.md` shows how to point it at real machines.

use datafusion::error::{DataFusionError, Result};
use datafusion::execution::{SessionState, SessionStateBuilder};
use datafusion::physical_plan::ExecutionPlan;
use datafusion::prelude::SessionContext;
pub use datafusion_distributed;
use datafusion_distributed::{
    DistributedExt, NetworkBoundaryExt, SessionStateBuilderExt, Worker, WorkerQueryContext,
    WorkerResolver,
};
use url::Url;

use crate::functions::register_functions;
use crate::udf::register_udfs;

/// A fixed list of workers, by URL (`http://host:port`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Workers(Vec<Url>);

impl Workers {
    /// The workers at `urls`.
    ///
    /// # Errors
    ///
    /// A [`DataFusionError::Configuration`] if `urls` is empty or an URL
    /// is not `http://host[:port]` (the workers speak plain gRPC: keep
    /// them on a private network, `docs/distributed.md`).
    pub fn new(urls: Vec<Url>) -> Result<Self> {
        if urls.is_empty() {
            return Err(DataFusionError::Configuration(
                "workers: expected at least one worker URL, got none".to_owned(),
            ));
        }
        for url in &urls {
            if url.scheme() != "http" || url.host_str().is_none() {
                return Err(DataFusionError::Configuration(format!(
                    "workers: expected an URL http://host:port, got {url}"
                )));
            }
        }
        Ok(Self(urls))
    }

    /// The workers of a list of URLs separated by commas, as
    /// `http://10.0.0.1:8000,http://10.0.0.2:8000`.
    ///
    /// # Errors
    ///
    /// A [`DataFusionError::Configuration`] naming the first entry that is
    /// not an URL, or as [`Workers::new`].
    pub fn parse(list: &str) -> Result<Self> {
        let urls = list
            .split(',')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(|s| {
                Url::parse(s).map_err(|e| {
                    DataFusionError::Configuration(format!(
                        "workers: expected an URL http://host:port, got {s:?} ({e})"
                    ))
                })
            })
            .collect::<Result<Vec<_>>>()?;
        Self::new(urls)
    }

    /// The URLs, in the order given.
    pub fn urls(&self) -> &[Url] {
        &self.0
    }
}

impl WorkerResolver for Workers {
    fn get_urls(&self) -> Result<Vec<Url>> {
        Ok(self.0.clone())
    }
}

/// A session that plans every query for `workers`: a scan of Parquet
/// files is split into tasks of about `bytes_per_partition` bytes each,
/// spread over the workers when there are more than one machine's
/// partitions (`datafusion-distributed`'s default is 16 MiB; smaller
/// spreads small datasets too). Register the tables in it with
/// [`register_parquet_dir`](crate::register_parquet_dir), which also
/// registers pactum's functions.
///
/// # Errors
///
/// A [`DataFusionError`] if `bytes_per_partition` is refused (zero).
pub fn coordinator(workers: Workers, bytes_per_partition: usize) -> Result<SessionContext> {
    if bytes_per_partition == 0 {
        return Err(DataFusionError::Configuration(
            "coordinator: expected a number of bytes per partition above 0, got 0".to_owned(),
        ));
    }
    let state = SessionStateBuilder::new()
        .with_default_features()
        .with_distributed_worker_resolver(workers)
        .with_distributed_planner()
        .with_distributed_file_scan_config_bytes_per_partition(bytes_per_partition)?
        .build();
    let ctx = SessionContext::new_with_state(state);
    register_udfs(&ctx);
    register_functions(&ctx);
    Ok(ctx)
}

/// The session a worker runs each plan fragment in: DataFusion's defaults
/// and pactum's scalar functions (the table functions are expanded by the
/// coordinator before anything is sent).
async fn worker_state(query: WorkerQueryContext) -> Result<SessionState> {
    let ctx = SessionContext::new_with_state(query.builder.build());
    register_udfs(&ctx);
    Ok(ctx.state())
}

/// A worker that runs plan fragments holding pactum's functions; serve it
/// with `tonic`:
///
/// ```no_run
/// # #[tokio::main]
/// # async fn main() -> Result<(), Box<dyn std::error::Error>> {
/// use pactum_sql::distributed::worker;
///
/// let address: std::net::SocketAddr = "0.0.0.0:8000".parse()?;
/// tonic::transport::Server::builder()
///     .add_service(worker().into_worker_server())
///     .serve(address)
///     .await?;
/// # Ok(())
/// # }
/// ```
pub fn worker() -> Worker {
    Worker::from_session_builder(worker_state)
}

/// The tasks that a physical plan of [`coordinator`] sends to workers:
/// for each stage that feeds a network boundary, its number and its
/// tasks, in the order met from the top. Empty for a plan that runs on
/// the coordinator alone (a query too small to spread, or a session that
/// is not a coordinator).
pub fn remote_stages(plan: &dyn ExecutionPlan) -> Vec<(usize, usize)> {
    let mut found = Vec::new();
    if let Some(boundary) = plan.as_network_boundary() {
        let stage = boundary.input_stage();
        found.push((stage.num(), stage.task_count()));
    }
    for child in plan.children() {
        found.extend(remote_stages(child.as_ref()));
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use datafusion::execution::FunctionRegistry;

    #[test]
    fn workers_are_read_from_a_list_in_order() {
        let workers = Workers::parse("http://10.0.0.2:8000, http://10.0.0.1:8001,").expect("two");
        let urls: Vec<String> = workers.urls().iter().map(Url::to_string).collect();
        assert_eq!(urls, ["http://10.0.0.2:8000/", "http://10.0.0.1:8001/"]);
        assert_eq!(workers.get_urls().expect("urls"), workers.urls());
    }

    #[test]
    fn a_list_without_workers_is_refused() {
        let err = Workers::parse(" , ").expect_err("none");
        assert!(err.to_string().contains("at least one worker"), "{err}");
    }

    #[test]
    fn a_worker_url_other_than_plain_http_is_refused_by_name() {
        for bad in ["https://10.0.0.1:8000", "10.0.0.1:8000", "unix:/tmp/worker"] {
            let err = Workers::parse(bad).expect_err(bad);
            assert!(err.to_string().contains("http://host:port"), "{bad}: {err}");
        }
        let err = Workers::parse("http://a:1,nonsense").expect_err("not an URL");
        assert!(err.to_string().contains("\"nonsense\""), "{err}");
    }

    #[test]
    fn a_coordinator_wants_some_bytes_per_partition() {
        let workers = Workers::parse("http://127.0.0.1:1").expect("one");
        assert!(coordinator(workers.clone(), 0).is_err());
        let ctx = coordinator(workers, 1 << 20).expect("a coordinator");
        assert!(ctx.udf("edtf_possibly_within").is_ok());
        assert!(ctx.table_function("timeline").is_ok());
    }
}
