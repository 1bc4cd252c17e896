//! Atomic saving: a unique temporary file beside the target, flushed, renamed
//! over it, and the directory flushed.

use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::path::Path;

/// Writes a file at `path` with `write`, so that `path` holds either its old
/// content or all of the new one, never a part.
pub(super) fn atomically(
    path: &Path,
    write: impl FnOnce(&mut BufWriter<&File>) -> io::Result<()>,
) -> io::Result<()> {
    // `Path::parent` of a bare file name is the empty path: the current
    // directory.
    let dir = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    };
    // The target's name in the temporary's tells a reader whose it is; the
    // random part, chosen with `O_EXCL`, keeps concurrent saves apart.
    let prefix = match path.file_name() {
        Some(name) => format!(".{}.", name.to_string_lossy()),
        None => ".pactum.".to_owned(),
    };
    let mut builder = tempfile::Builder::new();
    builder.prefix(&prefix).suffix(".tmp");
    // A temporary file is private by default; the saved dataset gets what a
    // file created by the process gets (0666 less the umask), as before.
    #[cfg(unix)]
    builder.permissions(std::os::unix::fs::PermissionsExt::from_mode(0o666));
    // Dropped on every early return, which removes the temporary file.
    let tmp = builder.tempfile_in(dir)?;
    {
        let mut out = BufWriter::new(tmp.as_file());
        write(&mut out)?;
        out.flush()?;
    }
    // On disk before the rename: otherwise a crash just after the rename
    // can leave the new name on an empty or partial file.
    tmp.as_file().sync_all()?;
    tmp.persist(path).map_err(|e| e.error)?;
    sync_dir(dir);
    Ok(())
}

/// Flushes a directory, so that a rename in it is on disk. Only some
/// platforms can open a directory as a file (Windows cannot, and needs no
/// such flush); where it fails the save has still succeeded, so the failure
/// is not reported.
fn sync_dir(dir: &Path) {
    if let Ok(handle) = File::open(dir) {
        let _ = handle.sync_all();
    }
}
