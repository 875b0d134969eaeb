//! Search keys: one folding, computed in Rust, so both databases compare the same text.
//!
//! A record's `search_key` is written with the record; a query's text is folded the same way
//! and compared with `LIKE '%…%'`. Folding ignores case and accents and the spelling
//! variants of Arabic script, which neither SQLite nor PostgreSQL (without extensions) can do
//! identically by themselves.

use unicode_normalization::UnicodeNormalization;

/// Known aliases: a query for the left-hand name also finds records known by the right-hand
/// one (former names and acronyms still in daily use).
const ALIASES: &[(&str, &str)] = &[("icpc", "inpplc"), ("dgcl", "dgct"), ("daect", "dctciv")];

/// Folds `text` into its search form: Unicode NFKD with combining marks dropped, case folded,
/// Arabic tashkeel (U+064B–U+065F, U+0670) and tatweel (U+0640) dropped, hamza-carrying alefs
/// (أ إ آ ٱ) → ا, ى → ي, ؤ → و, ئ → ي, ة → ه; punctuation becomes a space and runs of spaces
/// collapse, so "Fès-Meknès" and "fes meknes" fold alike.
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut last_was_space = true;
    // Arabic letters must be mapped before NFKD, which would decompose أ into ا + hamza above
    // (the hamza is then a mark and dropped, which is what we want for أ إ آ, but ؤ and ئ
    // must become و and ي, which NFKD also gives); mapping first keeps the intent explicit.
    for c in text.chars().map(map_arabic).nfkd() {
        if is_dropped_mark(c) {
            continue;
        }
        if c.is_alphanumeric() {
            for lower in c.to_lowercase() {
                out.push(lower);
            }
            last_was_space = false;
        } else if !last_was_space {
            out.push(' ');
            last_was_space = true;
        }
    }
    if out.ends_with(' ') {
        out.pop();
    }
    out
}

fn map_arabic(c: char) -> char {
    match c {
        'أ' | 'إ' | 'آ' | 'ٱ' => 'ا',
        'ى' | 'ئ' => 'ي',
        'ؤ' => 'و',
        'ة' => 'ه',
        other => other,
    }
}

fn is_dropped_mark(c: char) -> bool {
    let cp = c as u32;
    (0x064B..=0x065F).contains(&cp)
        || cp == 0x0670
        || cp == 0x0640
        || unicode_normalization::char::is_combining_mark(c)
}

/// The search key stored with a record: the folded forms of all its names, acronyms and
/// aliases, separated by ` | ` so a query never matches across two names.
pub fn search_key<'a>(parts: impl IntoIterator<Item = &'a str>) -> String {
    let mut key = String::new();
    for part in parts {
        let folded = fold(part);
        if folded.is_empty() {
            continue;
        }
        if !key.is_empty() {
            key.push_str(" | ");
        }
        key.push_str(&folded);
    }
    key
}

/// The `LIKE` patterns for a user's query: its folded form, plus the canonical name of a known
/// alias. `None` when the query folds to nothing (only punctuation or marks).
pub fn query_patterns(query: &str) -> Option<Vec<String>> {
    let folded = fold(query);
    if folded.is_empty() {
        return None;
    }
    let mut patterns = vec![like_pattern(&folded)];
    for (alias, canonical) in ALIASES {
        if folded == *alias {
            patterns.push(like_pattern(canonical));
        }
    }
    Some(patterns)
}

/// `%text%` with `LIKE` wildcards escaped (escape character `\`).
fn like_pattern(folded: &str) -> String {
    let mut pattern = String::with_capacity(folded.len() + 2);
    pattern.push('%');
    for c in folded.chars() {
        if matches!(c, '%' | '_' | '\\') {
            pattern.push('\\');
        }
        pattern.push(c);
    }
    pattern.push('%');
    pattern
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_french_accents_case_and_punctuation() {
        assert_eq!(fold("Fès-Meknès"), "fes meknes");
        assert_eq!(fold("  Béni   Mellal-Khénifra "), "beni mellal khenifra");
        assert_eq!(
            fold("Tanger-Tétouan-Al Hoceïma"),
            "tanger tetouan al hoceima"
        );
        assert_eq!(fold("ŒUVRE"), "œuvre");
    }

    #[test]
    fn folds_arabic_spelling_variants() {
        // tashkeel and tatweel
        assert_eq!(fold("فَاس"), "فاس");
        assert_eq!(fold("الـرباط"), "الرباط");
        // hamza on alef, alef maqsura, teh marbuta
        assert_eq!(fold("أكادير"), "اكادير");
        assert_eq!(fold("إقليم"), "اقليم");
        assert_eq!(fold("مستشفى"), "مستشفي");
        assert_eq!(fold("جهة"), "جهه");
        assert_eq!(fold("مؤسسة"), "موسسه");
        assert_eq!(fold("هيئة"), "هييه");
    }

    #[test]
    fn search_key_keeps_names_apart() {
        assert_eq!(search_key(["Fès", "", "فاس"]), "fes | فاس");
    }

    #[test]
    fn query_patterns_escape_wildcards_and_expand_aliases() {
        assert_eq!(query_patterns("100%"), Some(vec!["%100%".to_owned()]));
        assert_eq!(query_patterns("a_b"), Some(vec!["%a b%".to_owned()]));
        assert_eq!(
            query_patterns("ICPC"),
            Some(vec!["%icpc%".to_owned(), "%inpplc%".to_owned()])
        );
        assert_eq!(query_patterns(" -- "), None);
    }
}
