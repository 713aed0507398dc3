//! The command line's inputs: files as given, folders walked recursively, `-` for standard
//! input; each read by the page's own readers (`passk_lens_core::read`), named as the page
//! names them, with its bytes reported to a progress bar.

use flate2::read::MultiGzDecoder;
use indicatif::ProgressBar;
use passk_lens_core::read::names::{natural_cmp, source_of_name, sources_of, supported, Source};
use passk_lens_core::read::{parquet, read_archive, Ingest, Kind, Options, ParsedFile};
use std::fs::File;
use std::io::{self, BufRead, Read};
use std::path::{Path, PathBuf};

/// Text is pushed to the readers this many bytes at a time: enough lines per chunk to parse
/// them on every core, and the most a file holds in memory at once.
const CHUNK: usize = 64 << 20;

/// Where an input's bytes come from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    File(PathBuf),
    Stdin,
}

/// One input to read: where from, its size when known, and its names.
#[derive(Debug, Clone)]
pub struct Input {
    pub origin: Origin,
    /// How reports call it: the path as given, or the path inside a folder.
    pub display: String,
    pub size: Option<u64>,
    pub source: Source,
}

/// The inputs of the command line, and how many files inside folders were left out (of kinds
/// that are not read). A folder is walked recursively; its files are named by their path
/// from the folder's parent, as the page names a dropped folder's files, and all folders'
/// files are named together (so that two runs never pool).
pub fn expand(args: &[PathBuf]) -> Result<(Vec<Input>, usize), String> {
    let mut inputs = Vec::new();
    let mut in_folders: Vec<(PathBuf, String)> = Vec::new();
    let mut left_out = 0;
    for arg in args {
        if arg.as_os_str() == "-" {
            inputs.push(Input {
                origin: Origin::Stdin,
                display: "-".into(),
                size: None,
                source: source_of_name("stdin"),
            });
            continue;
        }
        let meta = std::fs::metadata(arg).map_err(|e| format!("{}: {e}", arg.display()))?;
        if meta.is_dir() {
            let parent = arg
                .canonicalize()
                .ok()
                .and_then(|p| p.parent().map(Path::to_path_buf))
                .unwrap_or_default();
            let mut files = Vec::new();
            walk(arg, &mut files).map_err(|e| format!("{}: {e}", arg.display()))?;
            let mut found: Vec<(PathBuf, String)> = Vec::new();
            for file in files {
                let name = file.file_name().map(|n| n.to_string_lossy().into_owned());
                if !name.as_deref().is_some_and(supported) {
                    left_out += 1;
                    continue;
                }
                let absolute = file.canonicalize().unwrap_or_else(|_| file.clone());
                let relative = absolute
                    .strip_prefix(&parent)
                    .unwrap_or(&absolute)
                    .to_string_lossy()
                    .replace('\\', "/");
                found.push((file, relative));
            }
            found.sort_by(|a, b| natural_cmp(&a.1, &b.1));
            in_folders.extend(found);
        } else {
            let name = arg
                .file_name()
                .map_or_else(|| arg.to_string_lossy(), |n| n.to_string_lossy())
                .into_owned();
            inputs.push(Input {
                origin: Origin::File(arg.clone()),
                display: arg.display().to_string(),
                size: Some(meta.len()),
                source: source_of_name(&name),
            });
        }
    }
    let paths: Vec<&str> = in_folders.iter().map(|(_, p)| p.as_str()).collect();
    for ((file, path), source) in in_folders.iter().zip(sources_of(&paths)) {
        inputs.push(Input {
            origin: Origin::File(file.clone()),
            display: path.clone(),
            size: std::fs::metadata(file).ok().map(|m| m.len()),
            source,
        });
    }
    Ok((inputs, left_out))
}

/// Every file under `dir`, recursively (symbolic links to folders are not followed).
fn walk(dir: &Path, out: &mut Vec<PathBuf>) -> io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        let kind = entry.file_type()?;
        if kind.is_dir() {
            walk(&entry.path(), out)?;
        } else if kind.is_file() || kind.is_symlink() {
            out.push(entry.path());
        }
    }
    Ok(())
}

/// Reads one input with the page's readers. `Err` when it cannot be read at all (it cannot be
/// opened, or breaks off); a file that opens but holds nothing usable is `Ok`, its report
/// saying why. `parallel`: parse the lines of a text file on every core.
pub fn read(
    input: &Input,
    options: &Options,
    parallel: bool,
    bar: &ProgressBar,
) -> Result<ParsedFile, String> {
    let name = input.source.path.clone();
    let fail = |e: io::Error| format!("{}: {e}", input.display);
    match &input.origin {
        Origin::Stdin => {
            let stdin = io::stdin();
            let mut lock = stdin.lock();
            let head = lock.fill_buf().map_err(fail)?.to_vec();
            if head.starts_with(&[0x1f, 0x8b]) {
                return text(input, MultiGzDecoder::new(lock), options, parallel, bar);
            }
            match Kind::of(&name, &head) {
                // Random access needs the whole input: standard input is read into memory.
                Kind::Zip | Kind::Parquet => {
                    let mut bytes = Vec::new();
                    lock.read_to_end(&mut bytes).map_err(fail)?;
                    bar.inc(bytes.len() as u64);
                    Ok(passk_lens_core::read::read_bytes(
                        &name,
                        &bytes,
                        options.clone(),
                    ))
                }
                Kind::Text => text(input, lock, options, parallel, bar),
            }
        }
        Origin::File(path) => {
            let mut file = File::open(path).map_err(fail)?;
            let mut head = [0u8; 4];
            let got = read_up_to(&mut file, &mut head).map_err(fail)?;
            let head = &head[..got];
            let file = File::open(path).map_err(fail)?;
            if name.ends_with(".gz") || head.starts_with(&[0x1f, 0x8b]) {
                let counted = Counted { inner: file, bar };
                return text(input, MultiGzDecoder::new(counted), options, parallel, bar);
            }
            let parsed = match Kind::of(&name, head) {
                Kind::Zip => read_archive(input.source.clone(), &file, options),
                Kind::Parquet => {
                    parquet::read_parquet(input.source.clone(), &file, options, |_| {})
                }
                Kind::Text => {
                    return text(input, Counted { inner: file, bar }, options, parallel, bar)
                }
            };
            bar.inc(input.size.unwrap_or(0));
            Ok(parsed)
        }
    }
}

/// Reads what a reader yields as text, `CHUNK` bytes at a time.
fn text(
    input: &Input,
    mut from: impl Read,
    options: &Options,
    parallel: bool,
    bar: &ProgressBar,
) -> Result<ParsedFile, String> {
    let mut ingest = Ingest::with_source(input.source.clone(), options.clone()).parallel(parallel);
    let mut chunk = vec![0; CHUNK];
    loop {
        let got =
            read_up_to(&mut from, &mut chunk).map_err(|e| format!("{}: {e}", input.display))?;
        if got == 0 {
            break;
        }
        ingest.push(&chunk[..got]);
        if matches!(input.origin, Origin::Stdin) {
            bar.inc(got as u64);
        }
    }
    Ok(ingest.finish())
}

/// Fills `buf` as far as the reader goes; the bytes read (fewer only at the end).
fn read_up_to(from: &mut impl Read, buf: &mut [u8]) -> io::Result<usize> {
    let mut filled = 0;
    while filled < buf.len() {
        match from.read(&mut buf[filled..]) {
            Ok(0) => break,
            Ok(n) => filled += n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(filled)
}

/// A file whose bytes read are told to a progress bar (before any decompression).
struct Counted<'a> {
    inner: File,
    bar: &'a ProgressBar,
}

impl Read for Counted<'_> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.bar.inc(n as u64);
        Ok(n)
    }
}
