//! Writing a file so that a crash leaves the old one or the new one,
//! never half of either: the count, the postcode index and the MP list.

use std::path::{Path, PathBuf};

/// Write `bytes` to `path` so that a crash leaves the old file or the new
/// one, never half of either.
pub(crate) fn write(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    write_with_mode(path, bytes, 0o644)
}

/// Like [`write`], for a file only its owner may read (a token). The
/// owner stays who it was (or, for a new file, the folder's owner), so
/// `postbag check` or `auth login` run as root leaves the file readable
/// by the daemon's user.
pub(crate) fn write_private(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    write_with_mode(path, bytes, 0o600)
}

fn write_with_mode(path: &Path, bytes: &[u8], mode: u32) -> std::io::Result<()> {
    use std::io::Write;
    use std::os::unix::fs::MetadataExt;
    use std::os::unix::fs::OpenOptionsExt;
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir)?;
    let mut temp = path.as_os_str().to_owned();
    temp.push(".tmp");
    let temp = PathBuf::from(temp);
    {
        // The mode applies to a file created now; an old temporary file
        // (from a crash) is removed first so it cannot keep a wider one.
        let _ = std::fs::remove_file(&temp);
        let mut file = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .mode(mode)
            .open(&temp)?;
        file.write_all(bytes)?;
        if mode == 0o600 {
            let owner = std::fs::metadata(path).or_else(|_| std::fs::metadata(dir));
            if let Ok(owner) = owner {
                // Only root may give a file away; anyone else owns it.
                let _ = std::os::unix::fs::fchown(&file, Some(owner.uid()), Some(owner.gid()));
            }
        }
        file.sync_all()?;
    }
    std::fs::rename(&temp, path)?;
    // Make the rename itself durable.
    if let Ok(dir) = std::fs::File::open(dir) {
        let _ = dir.sync_all();
    }
    Ok(())
}
