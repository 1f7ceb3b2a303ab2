//! The field a JSON text was being read at when serde stopped: the path
//! (`messages[0].to`) of the value that ends at a given line and column.
//!
//! `serde_path_to_error` tracks the same path while reading, but wrapping
//! every value of the scenario's deserializer made the page's module 8 KB
//! larger (brotli). Only a refused text needs the path, and its position is
//! enough to find it again: this walks the text up to there, keeping the
//! open objects and lists.

enum Open {
    /// An object, and its key being read or last read.
    Object {
        key: Option<String>,
    },
    List {
        index: usize,
    },
}

/// The path at `line` and `column` (serde_json's, both from 1; the column
/// counts bytes), in the form of the scenario's field names; empty at the top.
pub fn path_at(text: &str, line: usize, column: usize) -> String {
    let line_start: usize = text.split_inclusive('\n').take(line.saturating_sub(1)).map(str::len).sum();
    let end = (line_start + column).min(text.len());
    let mut open: Vec<Open> = Vec::new();
    let mut bytes = text.as_bytes()[..end].iter().copied().peekable();
    // A key is a string read where an object expects a key.
    let mut expecting_key = false;
    while let Some(b) = bytes.next() {
        match b {
            b'"' => {
                let mut s = Vec::new();
                while let Some(c) = bytes.next() {
                    match c {
                        b'"' => break,
                        b'\\' => s.extend(bytes.next()),
                        c => s.push(c),
                    }
                }
                if expecting_key && let Some(Open::Object { key }) = open.last_mut() {
                    *key = Some(String::from_utf8_lossy(&s).into_owned());
                    expecting_key = false;
                }
            }
            b'{' => {
                open.push(Open::Object { key: None });
                expecting_key = true;
            }
            b'[' => open.push(Open::List { index: 0 }),
            b'}' | b']' => {
                open.pop();
                expecting_key = false;
            }
            b',' => match open.last_mut() {
                Some(Open::List { index }) => *index += 1,
                Some(Open::Object { .. }) => expecting_key = true,
                None => {}
            },
            _ => {}
        }
    }
    let mut path = String::new();
    for o in &open {
        match o {
            Open::Object { key: Some(k) } => {
                if !path.is_empty() {
                    path.push('.');
                }
                path.push_str(k);
            }
            Open::Object { key: None } => {}
            Open::List { index } => path.push_str(&format!("[{index}]")),
        }
    }
    path
}

#[cfg(test)]
mod tests {
    use super::path_at;

    #[test]
    fn the_path_of_the_value_ending_at_a_position() {
        let text = "{\"messages\":[{\"at\":1},{\"to\":true}],\n \"zones\":[{\"soa\":{\"ttl\":\"x\\\"y\"}}]}";
        let at = |needle: &str| {
            let end = text.find(needle).unwrap() + needle.len();
            let line = text[..end].matches('\n').count() + 1;
            let column = end - text[..end].rfind('\n').map_or(0, |i| i + 1);
            path_at(text, line, column)
        };
        assert_eq!(at("true"), "messages[1].to");
        assert_eq!(at("1"), "messages[0].at");
        assert_eq!(at("\"x\\\"y\""), "zones[0].soa.ttl");
        // After an object's end, the object's own place.
        assert_eq!(at("true}"), "messages[1]");
        assert_eq!(path_at("[]", 1, 2), "");
    }
}
