//! The report's "Why this move" and "How sure" sections.

use super::{Block, Ctx, flag_names};
use crate::method::playbook;
use crate::method::recommend::{Recommendation, Route};
use crate::method::wording::{self, *};

/// "Why this move": the rule that put the move on top, its weakest dimension, its disputed
/// scores and who holds their extremes. Nothing on a route without a move.
pub(super) fn why(cx: &Ctx) -> Vec<Block> {
    why_blocks(cx.r)
}

/// "How sure": see `robustness_blocks`.
pub(super) fn how_sure(cx: &Ctx) -> Vec<Block> {
    robustness_blocks(cx.r)
}

pub(super) fn why_blocks(r: &Recommendation) -> Vec<Block> {
    let Some(why) = &r.why else { return Vec::new() };
    let mut out = vec![
        Block::Heading(playbook().why.heading.clone()),
        Block::Para(wording::why_decided(r, &why.decided_by)),
    ];
    if let Some(top) = r.top_candidate().filter(|c| !c.flags.is_empty()) {
        out.push(Block::Para(fill(&playbook().why.discovery_flags, &[("flags", &flag_names(top))])));
    }
    out.push(Block::Para(wording::why_weakest(&why.weakest)));
    out.push(Block::Para(wording::why_disputed_intro(!why.disputed.is_empty())));
    if !why.disputed.is_empty() {
        out.push(Block::Bullets(why.disputed.iter().map(wording::why_disputed).collect()));
    }
    out
}

/// "How sure": whether one score (or severity) moved by one step would change the decision, and
/// which ones would. Shown once the primary constraint is settled.
pub(super) fn robustness_blocks(r: &Recommendation) -> Vec<Block> {
    if !matches!(
        r.route,
        Route::FirstMove | Route::DiscoveryFirst | Route::ChooseFirstMove | Route::NoCandidateYet
    ) {
        return Vec::new();
    }
    let rb = &r.robustness;
    let mut out = Vec::new();
    if let Some(verdict) = wording::robustness_move(&rb.first_move, r.route) {
        out.push(Block::Para(verdict));
        if !rb.first_move.flips.is_empty() {
            let mut lines: Vec<String> = rb.first_move.flips.iter().map(wording::score_flip).collect();
            lines.extend(wording::flips_more(&rb.first_move));
            out.push(Block::Bullets(lines));
        }
    }
    if let Some(verdict) = wording::robustness_primary(&rb.primary) {
        out.push(Block::Para(verdict));
        if !rb.primary.flips.is_empty() {
            let mut lines: Vec<String> = rb.primary.flips.iter().map(wording::severity_flip).collect();
            lines.extend(wording::flips_more(&rb.primary));
            out.push(Block::Bullets(lines));
        }
    }
    if out.is_empty() {
        return out;
    }
    // The legend, when the tables carry the "discuss first" mark it explains.
    if !rb.discuss_first.is_empty() || !rb.constraints_discuss_first.is_empty() {
        out.push(Block::Para(wording::discuss_legend()));
    }
    out.insert(0, Block::Heading(playbook().robustness.heading.clone()));
    out
}
