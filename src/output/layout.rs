//! Fitting a table to a terminal's width, as a pure function of the columns' widths: which
//! columns are shown, and how wide each one is. Cells wider than their column are cut with `…`
//! ([`truncate`]), never wrapped over lines.

use std::borrow::Cow;

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// Spaces between two columns.
pub const GAP: usize = 2;

/// How much a column matters when not every column fits: the lowest go first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Priority {
    Lowest,
    Low,
    Normal,
    High,
}

/// How a column keeps its shape on a narrow terminal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fit {
    /// Never cut (ids, states, plain dates): shown whole or not at all.
    Whole(Priority),
    /// Cut with `…` down to this many characters (or its header, if wider).
    Shrink(Priority, u16),
}

impl Fit {
    /// A column with no fit of its own.
    pub const DEFAULT: Fit = Fit::Shrink(Priority::Normal, 10);

    pub fn priority(self) -> Priority {
        match self {
            Fit::Whole(priority) | Fit::Shrink(priority, _) => priority,
        }
    }
}

/// One column as the layout sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Column {
    /// The width of its widest cell, header included.
    pub natural: usize,
    /// The width of its header.
    pub header: usize,
    pub fit: Fit,
}

impl Column {
    /// The narrowest this column may become.
    fn narrowest(&self) -> usize {
        match self.fit {
            Fit::Whole(_) => self.natural,
            Fit::Shrink(_, min) => self.natural.min(self.header.max(usize::from(min))),
        }
    }
}

/// The width of each column within `width` terminal columns, `None` for a column left out.
///
/// Everything is shown at its natural width when it fits. Otherwise columns are left out, the
/// lowest priority first (the rightmost first among equals), until every remaining column fits at
/// its narrowest; then the shrinkable columns share the room, the widest giving way first. The
/// last column standing is cut to the width if it must be.
pub fn layout(columns: &[Column], width: usize) -> Vec<Option<usize>> {
    let mut shown = vec![true; columns.len()];
    let needed = |shown: &[bool]| -> usize {
        let widths: Vec<usize> = columns.iter().zip(shown).filter(|(_, s)| **s).map(|(c, _)| c.narrowest()).collect();
        widths.iter().sum::<usize>() + GAP * widths.len().saturating_sub(1)
    };
    while shown.iter().filter(|s| **s).count() > 1 && needed(&shown) > width {
        let least = (0..columns.len())
            .filter(|&i| shown[i])
            .min_by_key(|&i| (columns[i].fit.priority(), std::cmp::Reverse(i)))
            .expect("more than one column is shown");
        shown[least] = false;
    }
    let kept: Vec<usize> = (0..columns.len()).filter(|&i| shown[i]).collect();
    let room = width.saturating_sub(GAP * kept.len().saturating_sub(1));
    let widths = share(&kept.iter().map(|&i| columns[i]).collect::<Vec<_>>(), room);
    let mut out = vec![None; columns.len()];
    for (i, w) in kept.into_iter().zip(widths) {
        out[i] = Some(w);
    }
    out
}

/// Widths for `columns` within `room`: their natural widths when they fit; otherwise every
/// shrinkable column is capped at the one level that fits (never below its narrowest), and what
/// is left over goes to the capped columns, left to right.
fn share(columns: &[Column], room: usize) -> Vec<usize> {
    let at_cap = |cap: usize| -> Vec<usize> { columns.iter().map(|c| c.natural.min(cap.max(c.narrowest()))).collect() };
    let widest = columns.iter().map(|c| c.natural).max().unwrap_or(0);
    let mut cap = widest;
    while cap > 0 && at_cap(cap).iter().sum::<usize>() > room {
        cap -= 1;
    }
    let mut widths = at_cap(cap);
    if let [only] = widths.as_mut_slice() {
        // Alone and still too wide: cut even what is never cut, rather than wrap it.
        *only = (*only).min(room.max(1));
        return widths;
    }
    let mut spare = room.saturating_sub(widths.iter().sum());
    for (width, column) in widths.iter_mut().zip(columns) {
        if spare == 0 {
            break;
        }
        if *width < column.natural && matches!(column.fit, Fit::Shrink(..)) {
            *width += 1;
            spare -= 1;
        }
    }
    widths
}

/// `text` cut to at most `width` terminal columns, ending in `…` when it was cut.
pub fn truncate(text: &str, width: usize) -> Cow<'_, str> {
    if text.width() <= width {
        return Cow::Borrowed(text);
    }
    let mut out = String::new();
    let mut used = 0;
    for c in text.chars() {
        let w = c.width().unwrap_or(0);
        if used + w + 1 > width {
            break;
        }
        out.push(c);
        used += w;
    }
    if width > 0 {
        // No blank or opening bracket left dangling before the ellipsis: `2026-11-01…`.
        out.truncate(out.trim_end_matches([' ', '(']).len());
        out.push('…');
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::{Column, Fit, Priority, layout, truncate};
    use Priority::*;

    fn shrink(natural: usize, header: usize, priority: Priority, min: u16) -> Column {
        Column { natural, header, fit: Fit::Shrink(priority, min) }
    }

    fn whole(natural: usize, priority: Priority) -> Column {
        Column { natural, header: natural, fit: Fit::Whole(priority) }
    }

    /// `list`'s columns with a long name: ID USER NAME SCOPES CREATED LAST-USED EXPIRES STATE.
    fn tokens() -> Vec<Column> {
        vec![
            whole(2, High),
            shrink(30, 4, High, 12),
            shrink(80, 4, High, 16),
            shrink(26, 6, Low, 12),
            whole(10, Low),
            shrink(23, 9, Lowest, 10),
            shrink(24, 7, Normal, 11),
            whole(7, High),
        ]
    }

    fn total(widths: &[Option<usize>]) -> usize {
        let shown: Vec<usize> = widths.iter().flatten().copied().collect();
        shown.iter().sum::<usize>() + super::GAP * shown.len().saturating_sub(1)
    }

    #[test]
    fn everything_fits_at_its_natural_width_when_there_is_room() {
        let columns = vec![whole(2, High), shrink(5, 4, Normal, 10), whole(7, High)];
        assert_eq!(layout(&columns, 80), vec![Some(2), Some(5), Some(7)]);
        assert_eq!(layout(&columns, 18), vec![Some(2), Some(5), Some(7)]);
    }

    #[test]
    fn low_priority_columns_go_first_dates_before_scopes() {
        let widths = layout(&tokens(), 80);
        // LAST USED (lowest) then CREATED (low, right of SCOPES) are left out.
        assert_eq!(widths[5], None);
        assert_eq!(widths[4], None);
        assert!(widths[3].is_some() && widths[6].is_some(), "{widths:?}");
        assert_eq!(total(&widths), 80);

        let widths = layout(&tokens(), 60);
        assert_eq!(widths, vec![Some(2), Some(14), Some(16), None, None, None, Some(13), Some(7)]);
        assert_eq!(total(&widths), 60);
    }

    #[test]
    fn every_width_is_filled_exactly_or_left_natural() {
        for width in [60, 80, 100, 120, 150, 199] {
            let widths = layout(&tokens(), width);
            assert_eq!(total(&widths), width, "{width}: {widths:?}");
            // Ids and states, the highest-priority whole columns, are there and whole.
            assert_eq!((widths[0], widths[7]), (Some(2), Some(7)), "{width}");
        }
        let natural = layout(&tokens(), 216);
        assert_eq!(natural, tokens().iter().map(|c| Some(c.natural)).collect::<Vec<_>>());
    }

    #[test]
    fn at_120_columns_every_column_shows_and_the_wide_ones_share_the_room() {
        let widths = layout(&tokens(), 120);
        assert!(widths.iter().all(Option::is_some), "{widths:?}");
        // The shrinkable columns are cut to one level, what is left over going to the leftmost;
        // ids, dates and states stay whole.
        assert_eq!(widths, vec![Some(2), Some(18), Some(18), Some(17), Some(10), Some(17), Some(17), Some(7)]);
    }

    #[test]
    fn a_date_is_never_the_widest_column_on_a_narrow_screen() {
        for width in [60, 80] {
            let widths = layout(&tokens(), width);
            let widest =
                widths.iter().enumerate().max_by_key(|(i, w)| (w.unwrap_or(0), std::cmp::Reverse(*i))).unwrap();
            assert!(![4, 5, 6].contains(&widest.0), "{width}: {widths:?}");
        }
    }

    #[test]
    fn equal_priorities_leave_the_rightmost_out_first() {
        let columns = vec![whole(10, Low), whole(10, Low), whole(10, Low)];
        assert_eq!(layout(&columns, 22), vec![Some(10), Some(10), None]);
        assert_eq!(layout(&columns, 15), vec![Some(10), None, None]);
    }

    #[test]
    fn a_single_column_is_cut_to_the_width_and_never_below_one() {
        assert_eq!(layout(&[whole(30, High)], 12), vec![Some(12)]);
        assert_eq!(layout(&[whole(30, High)], 0), vec![Some(1)]);
        assert_eq!(layout(&[], 80), Vec::<Option<usize>>::new());
    }

    #[test]
    fn a_column_never_shrinks_below_its_header() {
        let columns = vec![shrink(40, 14, High, 4), shrink(40, 4, High, 4)];
        let widths = layout(&columns, 20);
        assert_eq!(widths, vec![Some(14), Some(4)]);
    }

    #[test]
    fn truncation_counts_terminal_columns_and_ends_in_an_ellipsis() {
        assert_eq!(truncate("alice", 5), "alice");
        assert_eq!(truncate("alice-example", 8), "alice-e…");
        assert_eq!(truncate("名前名前", 5), "名前…");
        assert_eq!(truncate("名前名前", 4), "名…");
        assert_eq!(truncate("abc", 1), "…");
        assert_eq!(truncate("abc", 0), "");
        assert_eq!(truncate("2026-11-01 (in 3 days)", 13), "2026-11-01…");
        assert_eq!(truncate("a deliberately long name", 16), "a deliberately…");
    }
}
