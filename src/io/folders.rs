//! Files from folders: a folder chosen with `<input webkitdirectory>` (each `File` carries its
//! `webkitRelativePath`), or folders dropped on the drop zone (walked through the entries API,
//! recursively). Each file comes with its path, which names runs and checkpoints; files of
//! kinds that are not read are counted and left out.

use super::error::{Error, Result};
use super::files::Picked;
use js_sys::{Array, Promise, Reflect};
use passk_lens_core::read::names::{natural_cmp, supported};
use wasm_bindgen::JsCast;
use wasm_bindgen::JsValue;
use wasm_bindgen_futures::JsFuture;
use web_sys::{DataTransfer, FileSystemDirectoryEntry, FileSystemEntry, FileSystemFileEntry};

/// What a choice or a drop gave: the files to read, and how many others were left out.
#[derive(Debug, Default)]
pub struct Chosen {
    pub files: Vec<Picked>,
    pub left_out: usize,
}

/// The files of an input (a plain multi-file input, or a folder input).
pub fn from_list(list: Option<web_sys::FileList>) -> Chosen {
    let files: Vec<web_sys::File> = list
        .map(|l| (0..l.length()).filter_map(|i| l.get(i)).collect())
        .unwrap_or_default();
    let from_folder = files.iter().any(|f| !relative_path(f).is_empty());
    let mut chosen = Chosen::default();
    for file in files {
        let path = relative_path(&file);
        if from_folder && !supported(&file.name()) {
            chosen.left_out += 1;
            continue;
        }
        chosen.files.push(Picked { file, path });
    }
    // A folder's files in reading order (a run's steps ascending); files picked alone keep the
    // order they were picked in.
    if from_folder {
        chosen.files.sort_by(|a, b| natural_cmp(&a.path, &b.path));
    }
    chosen
}

/// A file's path inside the folder it was chosen with (empty when chosen alone).
fn relative_path(file: &web_sys::File) -> String {
    Reflect::get(file, &"webkitRelativePath".into())
        .ok()
        .and_then(|p| p.as_string())
        .unwrap_or_default()
}

/// The entries of a drop, taken while the drop event lasts (they are gone after it); `None`
/// when nothing dropped is a folder (the plain file list is then used).
pub fn dropped_entries(data: &DataTransfer) -> Option<Vec<FileSystemEntry>> {
    let items = data.items();
    let entries: Vec<FileSystemEntry> = (0..items.length())
        .filter_map(|i| items.get(i))
        .filter_map(|item| item.webkit_get_as_entry().ok().flatten())
        .collect();
    entries
        .iter()
        .any(FileSystemEntry::is_directory)
        .then_some(entries)
}

/// Every supported file under the dropped entries, with its path from the dropped folder.
pub async fn walk(entries: Vec<FileSystemEntry>) -> Result<Chosen> {
    let mut chosen = Chosen::default();
    let mut stack: Vec<FileSystemEntry> = entries.into_iter().rev().collect();
    while let Some(entry) = stack.pop() {
        if entry.is_directory() {
            let dir: FileSystemDirectoryEntry = entry.unchecked_into();
            let mut children = read_all(&dir).await?;
            // In reading order (a run's steps ascending): the stack pops the last first.
            children.sort_by(|a, b| natural_cmp(&b.name(), &a.name()));
            stack.extend(children);
        } else if supported(&entry.name()) {
            let path = entry.full_path().trim_start_matches('/').to_owned();
            let file = file_of(entry.unchecked_ref()).await?;
            chosen.files.push(Picked { file, path });
        } else {
            chosen.left_out += 1;
        }
    }
    Ok(chosen)
}

/// A directory's entries: `readEntries` gives them in batches until an empty one.
async fn read_all(dir: &FileSystemDirectoryEntry) -> Result<Vec<FileSystemEntry>> {
    let reader = dir.create_reader();
    let mut all = Vec::new();
    loop {
        let batch = JsFuture::from(Promise::new(&mut |resolve, reject| {
            if let Err(e) = reader.read_entries_with_callback_and_callback(&resolve, &reject) {
                let _ = reject.call1(&JsValue::NULL, &e);
            }
        }))
        .await?;
        let batch: Array = batch.unchecked_into();
        if batch.length() == 0 {
            return Ok(all);
        }
        all.extend(batch.iter().map(JsCast::unchecked_into));
    }
}

async fn file_of(entry: &FileSystemFileEntry) -> Result<web_sys::File> {
    let file = JsFuture::from(Promise::new(&mut |resolve, reject| {
        entry.file_with_callback_and_callback(&resolve, &reject);
    }))
    .await?;
    file.dyn_into()
        .map_err(|_| Error::Unreadable("a dropped entry is not a file".into()))
}

/// The message for files left out.
pub fn left_out_note(count: usize) -> Option<String> {
    (count > 0).then(|| {
        format!("{count} file(s) of other kinds in the folder were left out (read: .jsonl, .json, .gz, .eval, .parquet).")
    })
}
