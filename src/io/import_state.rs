//! Read back a lab state exported as JSON (`symmetry-lab/1`, see
//! `engine::export`): which lab, the URL settings that reproduce its view,
//! and the input array. Everything is checked; nothing here panics.

use super::query::HashLocation;
use crate::engine::export::FORMAT;
use crate::engine::space::Tensor;
use serde_json::Value;

/// Largest state file accepted, in bytes.
pub const MAX_STATE_BYTES: usize = 64 * 1024 * 1024;
/// Largest input array accepted, in entries.
pub const MAX_INPUT_ENTRIES: usize = 4_000_000;

/// What an exported file restores.
#[derive(Clone, Debug, PartialEq)]
pub struct ImportedState {
    pub lab: String,
    pub url: HashLocation,
    pub input: Option<Tensor>,
}

/// Parse an exported state file.
pub fn parse_state(bytes: &[u8]) -> Result<ImportedState, String> {
    if bytes.len() > MAX_STATE_BYTES {
        return Err(format!("the file is larger than {} MB", MAX_STATE_BYTES / (1024 * 1024)));
    }
    let v: Value = serde_json::from_slice(bytes).map_err(|e| format!("this is not a Symmetry Lab state file: {e}"))?;
    if v.get("format").and_then(Value::as_str) != Some(FORMAT) {
        return Err(format!("this JSON file is not a Symmetry Lab state (its \"format\" is not \"{FORMAT}\")"));
    }
    let lab = v.get("lab").and_then(Value::as_str).unwrap_or_default().to_string();
    if !["image", "graph", "dna", "sequence"].contains(&lab.as_str()) {
        return Err(format!("the state names an unknown lab “{lab}”"));
    }
    let url = HashLocation::parse(v.get("url").and_then(Value::as_str).unwrap_or_default())?;
    if url.route != format!("/{lab}") {
        return Err(format!("the state's link ({}) does not belong to the {lab} lab", url.route));
    }
    let input = match v.get("input") {
        None | Some(Value::Null) => None,
        Some(t) => Some(tensor(t).map_err(|e| format!("the saved input is unreadable: {e}"))?),
    };
    Ok(ImportedState { lab, url, input })
}

/// `{"shape": [...], "data": [...]}` back to an array.
pub fn tensor(v: &Value) -> Result<Tensor, String> {
    let shape: Vec<usize> = v
        .get("shape")
        .and_then(Value::as_array)
        .ok_or("no shape")?
        .iter()
        .map(|d| d.as_u64().filter(|&d| d <= MAX_INPUT_ENTRIES as u64).map(|d| d as usize).ok_or("a bad dimension"))
        .collect::<Result<_, _>>()?;
    if shape.len() > 6 {
        return Err("too many dimensions".into());
    }
    let entries = shape.iter().try_fold(1usize, |acc, &d| acc.checked_mul(d)).ok_or("too large")?;
    if entries > MAX_INPUT_ENTRIES {
        return Err(format!("more than {MAX_INPUT_ENTRIES} entries"));
    }
    let data = v.get("data").and_then(Value::as_array).ok_or("no data")?;
    if data.len() != entries {
        return Err(format!("{} values for a shape of {entries}", data.len()));
    }
    let values: Vec<f32> =
        data.iter().map(|x| x.as_f64().map(|f| f as f32).ok_or("a value is not a number")).collect::<Result<_, _>>()?;
    Tensor::from_shape_vec(shape, values).map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_a_minimal_state_and_refuses_others() {
        let ok = br##"{"format":"symmetry-lab/1","lab":"image","url":"#/image?g=rot90","input":{"shape":[1,2,2],"data":[0,1,0.5,0]}}"##;
        let s = parse_state(ok).unwrap();
        assert_eq!(s.url.get("g"), Some("rot90"));
        assert_eq!(s.input.unwrap().shape(), &[1, 2, 2]);
        assert!(parse_state(b"{}").is_err());
        assert!(parse_state(b"not json").is_err());
        let wrong_lab = br##"{"format":"symmetry-lab/1","lab":"image","url":"#/graph"}"##;
        assert!(parse_state(wrong_lab).is_err());
        let lying = br##"{"format":"symmetry-lab/1","lab":"image","url":"#/image","input":{"shape":[1000000,1000000],"data":[]}}"##;
        assert!(parse_state(lying).is_err());
        let short =
            br##"{"format":"symmetry-lab/1","lab":"image","url":"#/image","input":{"shape":[2,2],"data":[1]}}"##;
        assert!(parse_state(short).is_err());
    }
}
