//! The reader's language: which one a link, a browser or a switch asks for.
//! Its own small module because both the links (`lang=zh`) and the text
//! layer name it. Adding a language: see ARCHITECTURE.md, "Languages".

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Lang {
    #[default]
    En,
    Zh,
}

#[cfg(not(any(feature = "en", feature = "zh")))]
compile_error!("build at least one language: feature `en` or `zh`");

/// The language a one-language build speaks when asked for another.
const BUILT_FALLBACK: Lang = if cfg!(feature = "en") { Lang::En } else { Lang::Zh };

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::En, Lang::Zh];

    /// The code in links and in `<html lang>`: `en`, `zh-Hans` is written `zh`.
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Zh => "zh",
        }
    }

    /// What `<html lang>` says, so that browsers pick Simplified Chinese glyphs.
    pub fn html_lang(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Zh => "zh-CN",
        }
    }

    /// The language's own name, for the switch.
    pub fn own_name(self) -> &'static str {
        match self {
            Lang::En => "English",
            Lang::Zh => "中文",
        }
    }

    /// The language whose texts this build carries for `self`: `self` itself
    /// in the default build (both features: the page, the tests); in a
    /// one-language build (`--no-default-features --features zh`) always the
    /// one language built in. Every text function matches on
    /// `lang.built()`, so there the other language's arms are constant-false
    /// and the compiler drops its sentences, words and tables.
    #[inline(always)]
    pub fn built(self) -> Lang {
        match self {
            Lang::En if cfg!(feature = "en") => Lang::En,
            Lang::Zh if cfg!(feature = "zh") => Lang::Zh,
            _ => BUILT_FALLBACK,
        }
    }

    /// Whether this build carries the language's texts: a one-language
    /// module shows another only by loading that language's module.
    pub fn in_this_build(self) -> bool {
        self.built() == self
    }

    /// A language tag (`zh`, `zh-CN`, `zh-Hans-CN`, `en-GB`, case ignored) to a
    /// language this page speaks. Traditional Chinese tags (`zh-TW`, `zh-HK`,
    /// `zh-Hant`) also read Simplified: closer for them than English.
    pub fn from_tag(tag: &str) -> Option<Lang> {
        let primary = tag.trim().split(['-', '_']).next().unwrap_or("").to_ascii_lowercase();
        Lang::ALL.into_iter().find(|l| l.code() == primary)
    }

    /// The first of the browser's preferred languages that this page speaks,
    /// else English.
    pub fn from_browser<'a>(tags: impl IntoIterator<Item = &'a str>) -> Lang {
        tags.into_iter().find_map(Lang::from_tag).unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_read_by_their_primary_language() {
        assert_eq!(Lang::from_tag("zh"), Some(Lang::Zh));
        assert_eq!(Lang::from_tag("zh-CN"), Some(Lang::Zh));
        assert_eq!(Lang::from_tag("ZH_hans"), Some(Lang::Zh));
        assert_eq!(Lang::from_tag("en-GB"), Some(Lang::En));
        assert_eq!(Lang::from_tag("fr"), None);
        assert_eq!(Lang::from_tag(""), None);
        assert_eq!(Lang::from_browser(["fr-FR", "zh-TW", "en"]), Lang::Zh);
        assert_eq!(Lang::from_browser(["fr-FR", "de"]), Lang::En);
        for l in Lang::ALL {
            assert_eq!(Lang::from_tag(l.code()), Some(l));
            assert_eq!(Lang::from_tag(l.html_lang()), Some(l));
        }
    }
}
