//! The temp files of [`super::write_atomic`] removed when the run is interrupted: SIGINT
//! (Ctrl-C), SIGTERM and SIGHUP are caught once the first temp file is made; the handler
//! removes every temp file still registered and exits with 128 + the signal (130 for SIGINT,
//! 143 for SIGTERM, 129 for SIGHUP). SIGKILL cannot be caught: a `kill -9` during a write
//! can leave a `.NAME.XXXXXX.tmp` file behind (never a half-written NAME).
//!
//! The registry's lock is held while a temp file is created and registered, and while it is
//! renamed into place and forgotten, so the handler (which takes the lock, removes the files
//! and exits holding it) never misses a file nor removes a finished one.

use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard};

/// The temp files that exist now.
static LIVE: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

/// The registry, locked (a panic elsewhere does not stop the cleanup).
pub fn lock() -> MutexGuard<'static, Vec<PathBuf>> {
    LIVE.lock().unwrap_or_else(|e| e.into_inner())
}

/// Forget a temp file (renamed into place, or removed).
pub fn forget(live: &mut Vec<PathBuf>, path: &Path) {
    live.retain(|p| p != path);
}

/// Catch the signals, once per process. When they cannot be caught, writes still work; only
/// the cleanup on a signal is lost.
pub fn install() {
    #[cfg(unix)]
    {
        static ONCE: std::sync::Once = std::sync::Once::new();
        ONCE.call_once(|| {
            use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
            let Ok(mut signals) = signal_hook::iterator::Signals::new([SIGINT, SIGTERM, SIGHUP])
            else {
                return;
            };
            std::thread::spawn(move || {
                if let Some(sig) = signals.forever().next() {
                    let live = lock();
                    for p in live.iter() {
                        let _ = std::fs::remove_file(p);
                    }
                    std::process::exit(128 + sig);
                }
            });
        });
    }
}
