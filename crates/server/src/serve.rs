//! `vitrine serve`: load the configuration, open the store, bind, serve
//! until SIGTERM or Ctrl-C, finishing requests in flight.

use std::future::Future;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;

use clap::Args;
use tokio::net::TcpListener;

use crate::config::{Config, Overrides};
use crate::routes::router;
use crate::state::AppState;

#[derive(Debug, Args)]
pub struct ServeArgs {
    /// Address to bind (default 127.0.0.1:8810, or `server.addr` in the config).
    #[arg(long, env = "VITRINE_ADDR")]
    pub addr: Option<String>,
    /// Configuration file.
    #[arg(long, env = "VITRINE_CONFIG", default_value = "vitrine.toml")]
    pub config: PathBuf,
    /// Folder of the widget bundle and demo page (default `dist`).
    #[arg(long, env = "VITRINE_STATIC_DIR")]
    pub static_dir: Option<PathBuf>,
    /// SQLite file for suggestions and the audit log.
    #[arg(long, env = "VITRINE_DATABASE")]
    pub database: Option<PathBuf>,
}

/// Runs the server; returns the process exit code.
pub fn run(args: ServeArgs, config_explicit: bool) -> i32 {
    init_tracing();
    let overrides = Overrides {
        addr: args.addr,
        static_dir: args.static_dir,
        database: args.database,
    };
    let config = match Config::load(&args.config, config_explicit, &overrides) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("vitrine serve: {e}");
            return 2;
        }
    };
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(r) => r,
        Err(e) => {
            eprintln!("vitrine serve: cannot start the runtime: {e}");
            return 1;
        }
    };
    runtime.block_on(async move {
        let addr = config.addr;
        let state = match AppState::new(config) {
            Ok(s) => Arc::new(s),
            Err(e) => {
                eprintln!("vitrine serve: {e}");
                return 2;
            }
        };
        let listener = match TcpListener::bind(addr).await {
            Ok(l) => l,
            Err(e) => {
                eprintln!("vitrine serve: cannot bind {addr}: {e}");
                return 1;
            }
        };
        let local = listener.local_addr().unwrap_or(addr);
        println!("Vitrine is serving on http://{local}/");
        match serve(listener, state, shutdown_signal()).await {
            Ok(()) => 0,
            Err(e) => {
                eprintln!("vitrine serve: {e}");
                1
            }
        }
    })
}

/// Serves `state` on `listener` until `shutdown` resolves, then waits for
/// requests in flight and for the store to commit what it has queued.
pub async fn serve(
    listener: TcpListener,
    state: Arc<AppState>,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    tracing::info!(
        addr = %listener.local_addr()?,
        datasets = state.datasets.len(),
        static_dir = %state.config.static_dir.display(),
        database = %state.config.database.display(),
        "serving"
    );
    let app = router(state.clone());
    let result = axum::serve(
        listener,
        app.into_make_service_with_connect_info::<SocketAddr>(),
    )
    .with_graceful_shutdown(shutdown)
    .await;
    state.store.close();
    tracing::info!("stopped");
    result
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = terminate => {},
    }
    tracing::info!("shutdown requested: finishing requests in flight");
}

/// Logs to stderr; `RUST_LOG` filters (default `info`), `VITRINE_LOG_FORMAT=json`
/// gives one JSON object per line.
fn init_tracing() {
    use tracing_subscriber::EnvFilter;
    let filter = EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info"));
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr);
    let json = std::env::var("VITRINE_LOG_FORMAT").is_ok_and(|v| v == "json");
    let _ = if json {
        builder.json().try_init()
    } else {
        builder.try_init()
    };
}
