//! A worker of `datafusion-distributed` that runs pactum's plan fragments
//! (the `distributed` feature):
//!
//! ```text
//! pactum-sql-worker [ADDRESS]
//! ```
//!
//! listens on ADDRESS (`127.0.0.1:0` by default, a free port of the
//! loopback), prints `listening on http://HOST:PORT` once it accepts
//! connections, and stops on SIGINT or SIGTERM. Give `0.0.0.0:PORT` to
//! serve other machines (`docs/distributed.md`).

use std::net::SocketAddr;
use std::process::ExitCode;

use tonic::transport::server::TcpIncoming;
use tonic::transport::Server;

async fn stopped() {
    let interrupt = tokio::signal::ctrl_c();
    #[cfg(unix)]
    {
        use tokio::signal::unix::{signal, SignalKind};
        match signal(SignalKind::terminate()) {
            Ok(mut term) => {
                tokio::select! {
                    _ = interrupt => {}
                    _ = term.recv() => {}
                }
            }
            Err(_) => {
                let _ = interrupt.await;
            }
        }
    }
    #[cfg(not(unix))]
    {
        let _ = interrupt.await;
    }
}

#[tokio::main]
async fn main() -> ExitCode {
    let arg = std::env::args().nth(1);
    let text = arg.as_deref().unwrap_or("127.0.0.1:0");
    let address: SocketAddr = match text.parse() {
        Ok(a) => a,
        Err(e) => {
            eprintln!("pactum-sql-worker: expected an address HOST:PORT, got {text:?} ({e})");
            return ExitCode::from(2);
        }
    };
    let incoming = match TcpIncoming::bind(address) {
        Ok(incoming) => incoming.with_nodelay(Some(true)),
        Err(e) => {
            eprintln!("pactum-sql-worker: cannot listen on {address}: {e}");
            return ExitCode::FAILURE;
        }
    };
    let bound = incoming.local_addr().unwrap_or(address);
    println!("listening on http://{bound}");
    let served = Server::builder()
        .add_service(pactum_sql::distributed::worker().into_worker_server())
        .serve_with_incoming_shutdown(incoming, stopped())
        .await;
    match served {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("pactum-sql-worker: {e}");
            ExitCode::FAILURE
        }
    }
}
