//! Reading entries of a zip archive (Inspect's `.eval` logs) through random access, so that a
//! large archive is never held whole: the central directory is found from the end, and only
//! the entries wanted are read and inflated. Stored, deflate (method 8) and zstd (method 93,
//! Inspect's default since April 2026, inspect_ai PR #3634) entries are read; ZIP64 archives
//! too.
//!
//! Nothing in an archive is trusted: the end record is searched for only where the format puts
//! it; every offset and size is checked against the file before it is used; the central
//! directory's size is capped; an entry inflates to at most the size its directory states and
//! at most the caller's cap (zip bombs, lying sizes), and its CRC-32 must match. Every failure
//! is a `ZipError` that says what was wrong.
//!
//! ```
//! use passk_lens_core::read::zip::Archive;
//! // An empty archive: just the end-of-central-directory record.
//! let empty = [b'P', b'K', 5, 6, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0];
//! assert!(Archive::open(&empty[..]).unwrap().entries.is_empty());
//! assert!(Archive::open(&b"not a zip"[..]).is_err());
//! ```

use std::io::Read;
use thiserror::Error;

/// A file read at given offsets: a `File` in the browser, a file on disk, bytes in memory.
pub trait ReadAt {
    /// The file's length in bytes.
    fn size(&self) -> u64;
    /// Fills `buf` with the bytes at `offset`; an error is a message for the user.
    fn read_at(&self, offset: u64, buf: &mut [u8]) -> Result<(), String>;
}

impl ReadAt for [u8] {
    fn size(&self) -> u64 {
        self.len() as u64
    }
    fn read_at(&self, offset: u64, buf: &mut [u8]) -> Result<(), String> {
        let start = usize::try_from(offset).map_err(|_| "offset out of range".to_owned())?;
        let bytes = start
            .checked_add(buf.len())
            .and_then(|end| self.get(start..end))
            .ok_or("read past the end of the file")?;
        buf.copy_from_slice(bytes);
        Ok(())
    }
}

/// A file on disk, read at offsets without moving a cursor (command lines, benchmarks).
#[cfg(unix)]
impl ReadAt for std::fs::File {
    fn size(&self) -> u64 {
        self.metadata().map_or(0, |m| m.len())
    }
    fn read_at(&self, offset: u64, buf: &mut [u8]) -> Result<(), String> {
        std::os::unix::fs::FileExt::read_exact_at(self, buf, offset).map_err(|e| e.to_string())
    }
}

/// The same on Windows (`seek_read` may return fewer bytes than asked: it is repeated).
#[cfg(windows)]
impl ReadAt for std::fs::File {
    fn size(&self) -> u64 {
        self.metadata().map_or(0, |m| m.len())
    }
    fn read_at(&self, mut offset: u64, mut buf: &mut [u8]) -> Result<(), String> {
        while !buf.is_empty() {
            match std::os::windows::fs::FileExt::seek_read(self, buf, offset) {
                Ok(0) => return Err("read past the end of the file".into()),
                Ok(n) => {
                    buf = &mut buf[n..];
                    offset += n as u64;
                }
                Err(e) => return Err(e.to_string()),
            }
        }
        Ok(())
    }
}

/// Why an archive or an entry could not be read.
#[derive(Debug, Clone, PartialEq, Error)]
pub enum ZipError {
    #[error("not a zip archive (no end-of-central-directory record)")]
    NotZip,
    #[error("the zip archive is cut short: {0}")]
    Truncated(String),
    #[error("the zip archive's central directory is damaged: {0}")]
    Directory(String),
    #[error("`{name}` uses zip compression method {method} ({}), which is not read here", method_name(*method))]
    Unsupported { name: String, method: u16 },
    #[error("`{name}` is encrypted")]
    Encrypted { name: String },
    #[error("`{name}` would inflate to more than {limit} bytes: not read")]
    TooLarge { name: String, limit: u64 },
    #[error("`{name}` is damaged: {why}")]
    Corrupt { name: String, why: String },
    #[error("reading the file failed: {0}")]
    Io(String),
}

fn method_name(method: u16) -> &'static str {
    match method {
        1..=6 => "shrink/reduce/implode",
        9 => "Deflate64",
        12 => "bzip2",
        14 => "LZMA",
        95 => "xz",
        98 => "PPMd",
        99 => "AES encryption",
        _ => "unknown",
    }
}

/// One file of the archive, as its central directory describes it.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    pub name: String,
    pub method: u16,
    pub compressed_size: u64,
    pub size: u64,
    pub crc32: u32,
    encrypted: bool,
    header_offset: u64,
}

/// The entries of an archive.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Archive {
    pub entries: Vec<Entry>,
    /// Where the central directory starts: the entries' bytes all lie before it.
    pub directory: u64,
}

/// A central directory larger than this is not read (Inspect's hold a few bytes per sample).
const MAX_DIRECTORY: u64 = 256 << 20;
const END: u32 = 0x0605_4b50;
const END64: u32 = 0x0606_4b50;
const LOCATOR64: u32 = 0x0706_4b50;
const CENTRAL: u32 = 0x0201_4b50;
const LOCAL: u32 = 0x0403_4b50;

fn u16_at(b: &[u8], i: usize) -> u16 {
    u16::from_le_bytes([b[i], b[i + 1]])
}
fn u32_at(b: &[u8], i: usize) -> u32 {
    u32::from_le_bytes(b[i..i + 4].try_into().expect("4 bytes"))
}
fn u64_at(b: &[u8], i: usize) -> u64 {
    u64::from_le_bytes(b[i..i + 8].try_into().expect("8 bytes"))
}

fn read_vec<R: ReadAt + ?Sized>(src: &R, offset: u64, len: u64) -> Result<Vec<u8>, ZipError> {
    let end = offset.checked_add(len).filter(|&e| e <= src.size());
    if end.is_none() {
        return Err(ZipError::Truncated(format!(
            "{len} bytes at offset {offset} lie past its end ({} bytes)",
            src.size()
        )));
    }
    let mut buf = vec![0; usize::try_from(len).map_err(|_| ZipError::Io("too large".into()))?];
    src.read_at(offset, &mut buf).map_err(ZipError::Io)?;
    Ok(buf)
}

impl Archive {
    /// Reads the central directory.
    pub fn open<R: ReadAt + ?Sized>(src: &R) -> Result<Archive, ZipError> {
        let size = src.size();
        if size < 22 {
            return Err(ZipError::NotZip);
        }
        // The end record is the last 22 bytes plus a comment of at most 65 535 bytes.
        let tail_len = size.min(22 + 65_535);
        let tail = read_vec(src, size - tail_len, tail_len)?;
        let at = (0..=tail.len() - 22)
            .rev()
            .find(|&i| {
                u32_at(&tail, i) == END && i + 22 + usize::from(u16_at(&tail, i + 20)) <= tail.len()
            })
            .ok_or(ZipError::NotZip)?;
        let end_offset = size - tail_len + at as u64;
        let e = &tail[at..];
        let (mut count, mut dir_size, mut dir_offset) = (
            u64::from(u16_at(e, 10)),
            u64::from(u32_at(e, 12)),
            u64::from(u32_at(e, 16)),
        );
        if count == 0xFFFF || dir_size == 0xFFFF_FFFF || dir_offset == 0xFFFF_FFFF {
            // ZIP64: a locator just before the end record points at the ZIP64 end record.
            let locator = end_offset
                .checked_sub(20)
                .map(|o| read_vec(src, o, 20))
                .transpose()?
                .filter(|l| u32_at(l, 0) == LOCATOR64)
                .ok_or_else(|| ZipError::Directory("a ZIP64 archive without its locator".into()))?;
            let record_offset = u64_at(&locator, 8);
            let record = read_vec(src, record_offset, 56)?;
            if u32_at(&record, 0) != END64 {
                return Err(ZipError::Directory(
                    "no ZIP64 end record where its locator points".into(),
                ));
            }
            (count, dir_size, dir_offset) = (
                u64_at(&record, 32),
                u64_at(&record, 40),
                u64_at(&record, 48),
            );
        }
        if dir_size > MAX_DIRECTORY {
            return Err(ZipError::Directory(format!(
                "it claims {dir_size} bytes, more than the {MAX_DIRECTORY} read"
            )));
        }
        if dir_offset
            .checked_add(dir_size)
            .is_none_or(|e| e > end_offset)
        {
            return Err(ZipError::Directory(format!(
                "it claims {dir_size} bytes at offset {dir_offset}, past where it must end ({end_offset})"
            )));
        }
        // Each entry takes at least 46 bytes.
        if count > dir_size / 46 {
            return Err(ZipError::Directory(format!(
                "it claims {count} entries in {dir_size} bytes"
            )));
        }
        let dir = read_vec(src, dir_offset, dir_size)?;
        let mut entries = Vec::with_capacity(count as usize);
        let mut i = 0usize;
        for n in 0..count {
            let bad = |why: &str| ZipError::Directory(format!("entry {}: {why}", n + 1));
            let fixed = dir.get(i..i + 46).ok_or_else(|| bad("cut short"))?;
            if u32_at(fixed, 0) != CENTRAL {
                return Err(bad("no entry signature"));
            }
            let (name_len, extra_len, comment_len) = (
                usize::from(u16_at(fixed, 28)),
                usize::from(u16_at(fixed, 30)),
                usize::from(u16_at(fixed, 32)),
            );
            let var = dir
                .get(i + 46..i + 46 + name_len + extra_len + comment_len)
                .ok_or_else(|| bad("its name or extra field runs past the directory"))?;
            let name = String::from_utf8_lossy(&var[..name_len]).into_owned();
            let mut entry = Entry {
                name,
                method: u16_at(fixed, 10),
                crc32: u32_at(fixed, 16),
                compressed_size: u64::from(u32_at(fixed, 20)),
                size: u64::from(u32_at(fixed, 24)),
                header_offset: u64::from(u32_at(fixed, 42)),
                encrypted: u16_at(fixed, 8) & 1 != 0,
            };
            zip64_extra(&mut entry, &var[name_len..name_len + extra_len]).map_err(|w| bad(&w))?;
            entries.push(entry);
            i += 46 + name_len + extra_len + comment_len;
        }
        Ok(Archive {
            entries,
            directory: dir_offset,
        })
    }

    /// The entry named `name`.
    pub fn find(&self, name: &str) -> Option<&Entry> {
        self.entries.iter().find(|e| e.name == name)
    }

    /// Where an entry's compressed bytes lie in the file: (offset, length).
    pub fn data_range<R: ReadAt + ?Sized>(
        &self,
        src: &R,
        entry: &Entry,
    ) -> Result<(u64, u64), ZipError> {
        let local = read_vec(src, entry.header_offset, 30)?;
        if u32_at(&local, 0) != LOCAL {
            return Err(ZipError::Corrupt {
                name: entry.name.clone(),
                why: "no local header where the directory points".into(),
            });
        }
        let start = entry.header_offset
            + 30
            + u64::from(u16_at(&local, 26))
            + u64::from(u16_at(&local, 28));
        if start
            .checked_add(entry.compressed_size)
            .is_none_or(|e| e > src.size())
        {
            return Err(ZipError::Truncated(format!(
                "`{}` runs past the end of the file",
                entry.name
            )));
        }
        Ok((start, entry.compressed_size))
    }

    /// An entry's bytes, inflated, if they are at most `limit` bytes.
    pub fn read<R: ReadAt + ?Sized>(
        &self,
        src: &R,
        entry: &Entry,
        limit: u64,
    ) -> Result<Vec<u8>, ZipError> {
        let name = || entry.name.clone();
        if entry.encrypted {
            return Err(ZipError::Encrypted { name: name() });
        }
        if entry.size > limit {
            return Err(ZipError::TooLarge {
                name: name(),
                limit,
            });
        }
        let (start, len) = self.data_range(src, entry)?;
        let compressed = read_vec(src, start, len)?;
        inflate(
            &entry.name,
            entry.method,
            &compressed,
            Some((entry.size, entry.crc32)),
        )
    }

    /// Where each entry lies whole (its local header, data and any data descriptor): from its
    /// local header to the next entry's, or to the central directory. A span holds all that
    /// `local_entry` needs to read the entry again without the directory.
    pub fn spans(&self) -> Vec<(u64, u64)> {
        let mut starts: Vec<u64> = self.entries.iter().map(|e| e.header_offset).collect();
        starts.sort_unstable();
        (self.entries.iter())
            .map(|e| {
                let next = starts.partition_point(|&s| s <= e.header_offset);
                let end = starts.get(next).copied().unwrap_or(self.directory);
                (e.header_offset, end.max(e.header_offset))
            })
            .collect()
    }
}

/// Inflates an entry's compressed bytes by its method; with its stated (size, CRC-32), at most
/// that size and checked against both, else at most `LOCAL_LIMIT`.
fn inflate(
    name: &str,
    method: u16,
    compressed: &[u8],
    stated: Option<(u64, u32)>,
) -> Result<Vec<u8>, ZipError> {
    let corrupt = |why: String| ZipError::Corrupt {
        name: name.to_owned(),
        why,
    };
    let cap = stated.map_or(LOCAL_LIMIT, |(size, _)| size);
    let bytes = match method {
        0 => compressed.to_vec(),
        8 => {
            // At most the stated size (plus one byte, to catch a directory that lies).
            let cap = usize::try_from(cap + 1).unwrap_or(usize::MAX);
            match miniz_oxide::inflate::decompress_to_vec_with_limit(compressed, cap) {
                Ok(bytes) => bytes,
                Err(e) if e.status == miniz_oxide::inflate::TINFLStatus::HasMoreOutput => e.output,
                Err(e) => return Err(corrupt(format!("deflate: {e}"))),
            }
        }
        93 => {
            let mut out = Vec::new();
            let decoder = ruzstd::decoding::StreamingDecoder::new(compressed)
                .map_err(|e| corrupt(format!("zstd: {e}")))?;
            decoder
                .take(cap + 1)
                .read_to_end(&mut out)
                .map_err(|e| corrupt(format!("zstd: {e}")))?;
            out
        }
        method => {
            return Err(ZipError::Unsupported {
                name: name.to_owned(),
                method,
            })
        }
    };
    let Some((size, crc32)) = stated else {
        if bytes.len() as u64 > LOCAL_LIMIT {
            return Err(ZipError::TooLarge {
                name: name.to_owned(),
                limit: LOCAL_LIMIT,
            });
        }
        return Ok(bytes);
    };
    if bytes.len() as u64 != size {
        return Err(corrupt(format!(
            "it inflates to {}{} bytes, but the directory states {size}",
            if bytes.len() as u64 > size {
                "more than "
            } else {
                ""
            },
            bytes.len().min(usize::try_from(size).unwrap_or(usize::MAX)),
        )));
    }
    let crc = crc32fast::hash(&bytes);
    if crc != crc32 {
        return Err(corrupt(format!(
            "CRC-32 {crc:08x}, but the directory states {crc32:08x}"
        )));
    }
    Ok(bytes)
}

/// The most an entry read by `local_entry` may inflate to when its local header does not state
/// its size (one written with a data descriptor).
pub const LOCAL_LIMIT: u64 = 256 << 20;

/// Reads an entry from its own bytes (a span of `Archive::spans`): the local header's method,
/// and its sizes and CRC-32 when it states them (else the data runs to the end of its stream).
/// Returns the entry's name and its inflated bytes.
pub fn local_entry(bytes: &[u8]) -> Result<(String, Vec<u8>), ZipError> {
    let short = || ZipError::Truncated("an entry's local header is cut short".into());
    let fixed = bytes.get(..30).ok_or_else(short)?;
    if u32_at(fixed, 0) != LOCAL {
        return Err(ZipError::Corrupt {
            name: "entry".into(),
            why: "no local header where the entry starts".into(),
        });
    }
    let (flags, method) = (u16_at(fixed, 6), u16_at(fixed, 8));
    let (crc32, compressed_size, size) = (u32_at(fixed, 14), u32_at(fixed, 18), u32_at(fixed, 22));
    let (name_len, extra_len) = (
        usize::from(u16_at(fixed, 26)),
        usize::from(u16_at(fixed, 28)),
    );
    let name = bytes.get(30..30 + name_len).ok_or_else(short)?;
    let name = String::from_utf8_lossy(name).into_owned();
    if flags & 1 != 0 {
        return Err(ZipError::Encrypted { name });
    }
    let data = bytes.get(30 + name_len + extra_len..).ok_or_else(short)?;
    // Bit 3: sizes and CRC follow the data; 0xFFFFFFFF: they are in the ZIP64 extra field.
    let stated = flags & 8 == 0 && compressed_size != u32::MAX && size != u32::MAX;
    let inflated = if stated {
        let compressed = data.get(..compressed_size as usize).ok_or_else(|| {
            ZipError::Truncated(format!("`{name}` runs past the end of its bytes"))
        })?;
        inflate(&name, method, compressed, Some((u64::from(size), crc32)))?
    } else {
        inflate(&name, method, data, None)?
    };
    Ok((name, inflated))
}

/// Reads the ZIP64 extra field (id 1) into the sizes and offset that do not fit 32 bits.
fn zip64_extra(entry: &mut Entry, mut extra: &[u8]) -> Result<(), String> {
    while extra.len() >= 4 {
        let (id, len) = (u16_at(extra, 0), usize::from(u16_at(extra, 2)));
        let data = extra
            .get(4..4 + len)
            .ok_or("an extra field runs past its end")?;
        if id == 1 {
            let mut values = data.chunks_exact(8).map(|c| u64_at(c, 0));
            for field in [
                &mut entry.size,
                &mut entry.compressed_size,
                &mut entry.header_offset,
            ] {
                if *field == 0xFFFF_FFFF {
                    *field = values.next().ok_or("a ZIP64 field is missing")?;
                }
            }
        }
        extra = &extra[4 + len..];
    }
    Ok(())
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// A zip with the given (name, method, stored bytes, size, crc) entries, built by hand.
    pub(crate) fn archive(entries: &[(&str, u16, &[u8], u64, u32)]) -> Vec<u8> {
        let mut out = Vec::new();
        let mut dir = Vec::new();
        for (name, method, data, size, crc) in entries {
            let offset = out.len() as u32;
            out.extend(LOCAL.to_le_bytes());
            out.extend([20, 0, 0, 0]);
            out.extend(method.to_le_bytes());
            out.extend([0; 4]);
            out.extend(crc.to_le_bytes());
            out.extend((data.len() as u32).to_le_bytes());
            out.extend((*size as u32).to_le_bytes());
            out.extend((name.len() as u16).to_le_bytes());
            out.extend([0, 0]);
            out.extend(name.as_bytes());
            out.extend(*data);
            dir.extend(CENTRAL.to_le_bytes());
            dir.extend([20, 0, 20, 0, 0, 0]);
            dir.extend(method.to_le_bytes());
            dir.extend([0; 4]);
            dir.extend(crc.to_le_bytes());
            dir.extend((data.len() as u32).to_le_bytes());
            dir.extend((*size as u32).to_le_bytes());
            dir.extend((name.len() as u16).to_le_bytes());
            dir.extend([0; 12]);
            dir.extend(offset.to_le_bytes());
            dir.extend(name.as_bytes());
        }
        let dir_offset = out.len() as u32;
        out.extend(&dir);
        out.extend(END.to_le_bytes());
        out.extend([0; 4]);
        out.extend((entries.len() as u16).to_le_bytes());
        out.extend((entries.len() as u16).to_le_bytes());
        out.extend((dir.len() as u32).to_le_bytes());
        out.extend(dir_offset.to_le_bytes());
        out.extend([0, 0]);
        out
    }

    #[test]
    fn stored_and_deflated_entries() {
        let text = b"hello hello hello hello";
        let deflated = miniz_oxide::deflate::compress_to_vec(text, 6);
        let crc = crc32fast::hash(text);
        let zip = archive(&[
            ("a.txt", 0, text, text.len() as u64, crc),
            ("b.txt", 8, &deflated, text.len() as u64, crc),
        ]);
        let a = Archive::open(&zip[..]).unwrap();
        assert_eq!(a.entries.len(), 2);
        for e in &a.entries {
            assert_eq!(a.read(&zip[..], e, 1 << 20).unwrap(), text);
        }
    }

    #[test]
    fn hostile_archives_end_in_clear_errors() {
        let text = vec![b'a'; 100_000];
        let deflated = miniz_oxide::deflate::compress_to_vec(&text, 9);
        let crc = crc32fast::hash(&text);
        // A bomb that states its true size is stopped by the caller's limit.
        let zip = archive(&[("bomb", 8, &deflated, 100_000, crc)]);
        let a = Archive::open(&zip[..]).unwrap();
        let e = a.read(&zip[..], &a.entries[0], 1000).unwrap_err();
        assert_eq!(
            e.to_string(),
            "`bomb` would inflate to more than 1000 bytes: not read"
        );
        // One that states a small size is stopped at that size.
        let zip = archive(&[("liar", 8, &deflated, 10, crc)]);
        let a = Archive::open(&zip[..]).unwrap();
        let e = a
            .read(&zip[..], &a.entries[0], 1 << 30)
            .unwrap_err()
            .to_string();
        assert!(e.contains("but the directory states 10"), "{e}");
        // A wrong CRC.
        let zip = archive(&[("crc", 0, b"abc", 3, 7)]);
        let a = Archive::open(&zip[..]).unwrap();
        let e = a
            .read(&zip[..], &a.entries[0], 100)
            .unwrap_err()
            .to_string();
        assert!(e.contains("CRC-32"), "{e}");
        // Truncated: the end record is gone, or the data is cut.
        let zip = archive(&[("x", 0, b"abc", 3, crc32fast::hash(b"abc"))]);
        assert_eq!(Archive::open(&zip[..zip.len() - 5]), Err(ZipError::NotZip));
        // A central directory that claims more than the file holds.
        let mut lying = zip.clone();
        let n = lying.len();
        lying[n - 10..n - 6].copy_from_slice(&(1u32 << 30).to_le_bytes());
        let e = Archive::open(&lying[..]).unwrap_err().to_string();
        assert!(e.contains("central directory is damaged"), "{e}");
        // An absurd entry count.
        let mut absurd = zip.clone();
        absurd[n - 12..n - 10].copy_from_slice(&60_000u16.to_le_bytes());
        let e = Archive::open(&absurd[..]).unwrap_err().to_string();
        assert!(e.contains("claims 60000 entries"), "{e}");
        // Methods not read, and encryption, are named.
        let zip = archive(&[("x", 12, b"abc", 3, 0)]);
        let a = Archive::open(&zip[..]).unwrap();
        let e = a
            .read(&zip[..], &a.entries[0], 100)
            .unwrap_err()
            .to_string();
        assert_eq!(
            e,
            "`x` uses zip compression method 12 (bzip2), which is not read here"
        );
    }
}
