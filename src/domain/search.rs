//! GitLab's fuzzy name search (`lib/gitlab/sql/pattern.rb`), as a plan the store turns into SQL.

/// Terms shorter than this match nothing on their own (`MIN_CHARS_FOR_PARTIAL_MATCHING`).
const MIN_CHARS_FOR_PARTIAL_MATCHING: usize = 3;

/// What a `--search` query asks for, case-insensitively.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NameSearch {
    /// A blank query filters nothing.
    Everything,
    /// The name contains every one of these terms.
    ContainsAll(Vec<String>),
    /// No term is long enough for partial matching: the name equals the whole query.
    Equals(String),
}

impl NameSearch {
    /// Whitespace is squished; `"quoted words"` (standing alone between spaces) are one term;
    /// terms of at least 3 characters must all occur; when there is none, the whole query must
    /// equal the name.
    pub fn parse(query: &str) -> Self {
        let query = query.split_whitespace().collect::<Vec<_>>().join(" ");
        if query.is_empty() {
            return NameSearch::Everything;
        }
        let terms: Vec<String> = split_terms(&query)
            .into_iter()
            .filter(|term| term.chars().count() >= MIN_CHARS_FOR_PARTIAL_MATCHING)
            .map(str::to_string)
            .collect();
        if terms.is_empty() { NameSearch::Equals(query) } else { NameSearch::ContainsAll(terms) }
    }
}

/// `Gitlab::SQL::Pattern.split_query_to_search_terms`: the unquoted words, then the quoted
/// terms. A quoted term starts the query or follows a space, and ends it or precedes a space.
fn split_terms(query: &str) -> Vec<&str> {
    let mut words = Vec::new();
    let mut quoted = Vec::new();
    let mut rest_start = 0;
    let mut at = 0;
    let bytes = query.as_bytes();
    while at < bytes.len() {
        let opens = bytes[at] == b'"' && (at == 0 || bytes[at - 1] == b' ');
        let close = opens.then(|| query[at + 1..].find('"').map(|i| at + 1 + i)).flatten();
        match close {
            Some(end) if end > at + 1 && (end + 1 == bytes.len() || bytes[end + 1] == b' ') => {
                words.extend(query[rest_start..at].split_whitespace());
                quoted.push(&query[at + 1..end]);
                at = end + 1;
                rest_start = at;
            }
            _ => at += 1,
        }
    }
    words.extend(query[rest_start..].split_whitespace());
    words.extend(quoted);
    words
}

#[cfg(test)]
mod tests {
    use super::*;

    fn contains(terms: &[&str]) -> NameSearch {
        NameSearch::ContainsAll(terms.iter().map(|t| t.to_string()).collect())
    }

    #[test]
    fn words_of_three_or_more_characters_must_all_occur() {
        assert_eq!(NameSearch::parse("deploy token"), contains(&["deploy", "token"]));
        assert_eq!(NameSearch::parse("  ci   deploy "), contains(&["deploy"]), "short words are dropped");
    }

    #[test]
    fn short_queries_match_the_whole_name() {
        assert_eq!(NameSearch::parse("ci"), NameSearch::Equals("ci".into()));
        assert_eq!(NameSearch::parse(" a  b "), NameSearch::Equals("a b".into()));
        assert_eq!(NameSearch::parse("   "), NameSearch::Everything);
    }

    #[test]
    fn quoted_terms_are_one_term() {
        assert_eq!(NameSearch::parse("\"deploy key\" old"), contains(&["old", "deploy key"]));
        assert_eq!(NameSearch::parse("old \"deploy key\""), contains(&["old", "deploy key"]));
        // A quote inside a word is an ordinary character.
        assert_eq!(NameSearch::parse("a\"bc\""), contains(&["a\"bc\""]));
        // An empty pair of quotes is no quoted term, and too short a word.
        assert_eq!(NameSearch::parse("\"\" abc"), contains(&["abc"]));
    }

    #[test]
    fn length_counts_characters() {
        assert_eq!(NameSearch::parse("äöü"), contains(&["äöü"]));
    }
    #[test]
    fn a_closing_quote_must_end_the_query_or_precede_a_space() {
        // Not followed by a space: no quoted term, one ordinary word.
        assert_eq!(NameSearch::parse("\"abc\"def ghi"), contains(&["\"abc\"def", "ghi"]));
        assert_eq!(NameSearch::parse("old \"deploy key\"s"), contains(&["old", "\"deploy", "key\"s"]));
    }

    #[test]
    fn a_quoted_term_may_end_in_a_multibyte_character() {
        assert_eq!(NameSearch::parse("\"café\" old"), contains(&["old", "café"]));
        assert_eq!(NameSearch::parse("\"ab é\" \"naïve\""), contains(&["ab é", "naïve"]));
    }
    #[test]
    fn scanning_resumes_after_the_closing_quote() {
        // The closing quote of "abc " cannot open another quoted term, though a space precedes it.
        assert_eq!(NameSearch::parse("\"abc \" def\" ghi"), contains(&["def\"", "ghi", "abc "]));
    }
}
