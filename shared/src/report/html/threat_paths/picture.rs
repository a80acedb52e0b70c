//! The threat paths as an inline SVG, without script: sources on the left, crown jewels
//! on the right, every other resource in the column of the first hop it is reached at;
//! one line per hop. A node links to the row of the first path through it, and its
//! tooltip names its kind and ARN.

use super::super::escape;
use super::name;
use crate::graph::{AttackPath, Graph};
use std::collections::{BTreeSet, HashMap};
use std::fmt::Write;

/// Paths drawn at most (the highest scores): beyond that a picture is no longer read.
pub const MAX_DRAWN_PATHS: usize = 50;
const COLUMN: usize = 190;
const BOX_WIDTH: usize = 160;
const ROW: usize = 34;
const BOX_HEIGHT: usize = 24;
/// Fills of the sources' and the crown jewels' boxes: used nowhere else on the page, so a
/// screenshot finds them.
pub const SOURCE_FILL: &str = "#a40e26";
pub const JEWEL_FILL: &str = "#fbe9e9";
/// Characters of a name shown in its box (the tooltip has the whole ARN).
const LABEL: usize = 24;

struct Place {
    column: usize,
    row: usize,
    /// Index of the first path through the node: its link.
    path: usize,
}

/// Column and row of every node of `paths`.
fn layout(paths: &[AttackPath]) -> (Vec<String>, HashMap<String, Place>, usize) {
    let last = paths.iter().map(|p| p.hops.len()).max().unwrap_or(0);
    let targets: BTreeSet<&str> = paths.iter().map(|p| p.target.as_str()).collect();
    let mut order: Vec<String> = Vec::new();
    let mut places: HashMap<String, Place> = HashMap::new();
    for (i, p) in paths.iter().enumerate() {
        let nodes = std::iter::once(&p.source).chain(p.hops.iter().map(|h| &h.to));
        for (depth, id) in nodes.enumerate() {
            let column = if targets.contains(id.as_str()) {
                last
            } else {
                depth
            };
            match places.get_mut(id) {
                Some(place) => place.column = place.column.min(column),
                None => {
                    order.push(id.clone());
                    places.insert(
                        id.clone(),
                        Place {
                            column,
                            row: 0,
                            path: i,
                        },
                    );
                }
            }
        }
    }
    // Rows in order of first appearance within each column.
    let mut used = vec![0usize; last + 1];
    for id in &order {
        let place = places.get_mut(id).expect("placed");
        place.row = used[place.column];
        used[place.column] += 1;
    }
    let rows = used.into_iter().max().unwrap_or(1);
    (order, places, rows)
}

fn label(text: &str) -> String {
    if text.chars().count() <= LABEL {
        return text.to_string();
    }
    let mut short: String = text.chars().take(LABEL - 1).collect();
    short.push('…');
    short
}

/// Writes the picture of the first `MAX_DRAWN_PATHS` paths.
pub(super) fn picture(out: &mut String, graph: &Graph, paths: &[AttackPath]) {
    let paths = &paths[..paths.len().min(MAX_DRAWN_PATHS)];
    let (order, places, rows) = layout(paths);
    let columns = places.values().map(|p| p.column).max().unwrap_or(0) + 1;
    let (width, height) = (columns * COLUMN, rows * ROW + 8);
    let _ = write!(
        out,
        "<svg class=\"paths\" xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" aria-label=\"Threat paths\" style=\"max-width:100%;height:auto\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\">"
    );
    let at = |id: &str| {
        let p = &places[id];
        (p.column * COLUMN + 4, p.row * ROW + 4)
    };
    let mut drawn = BTreeSet::new();
    for p in paths {
        for h in &p.hops {
            if !drawn.insert((h.from.as_str(), h.to.as_str())) {
                continue;
            }
            let ((x1, y1), (x2, y2)) = (at(&h.from), at(&h.to));
            let _ = write!(
                out,
                "<line x1=\"{}\" y1=\"{}\" x2=\"{x2}\" y2=\"{}\" stroke=\"#8c959f\"><title>{}</title></line>",
                x1 + BOX_WIDTH,
                y1 + BOX_HEIGHT / 2,
                y2 + BOX_HEIGHT / 2,
                escape(h.kind.as_str())
            );
        }
    }
    let targets: BTreeSet<&str> = paths.iter().map(|p| p.target.as_str()).collect();
    for id in &order {
        let (x, y) = at(id);
        let tooltip = match graph.node(id) {
            Some(n) => format!("{}: {id}", n.kind.as_str()),
            None => id.clone(),
        };
        let (fill, stroke) = match () {
            _ if targets.contains(id.as_str()) => (JEWEL_FILL, "#8b0000"),
            _ if places[id].column == 0 => (SOURCE_FILL, SOURCE_FILL),
            _ => ("#f3f5f7", "#57606a"),
        };
        let text = if places[id].column == 0 {
            "#fff"
        } else {
            "#1d2329"
        };
        let _ = write!(
            out,
            "<a href=\"#path-{link}\"><rect class=\"node\" data-node=\"{node}\" x=\"{x}\" y=\"{y}\" width=\"{BOX_WIDTH}\" height=\"{BOX_HEIGHT}\" rx=\"4\" fill=\"{fill}\" stroke=\"{stroke}\"/><text x=\"{tx}\" y=\"{ty}\" font-size=\"12\" fill=\"{text}\">{label}</text><title>{tooltip}</title></a>",
            link = places[id].path,
            node = escape(id),
            tx = x + 6,
            ty = y + 16,
            label = escape(&label(name(graph, id))),
            tooltip = escape(&tooltip),
        );
    }
    out.push_str("</svg>");
}
