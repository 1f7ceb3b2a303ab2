//! The reader's language: which one a link, a browser or a switch asks for.
//! Its own small module because both the links (`lang=zh`) and the text
//! layer name it. Adding a language: see ARCHITECTURE.md, "Languages".

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Lang {
    #[default]
    En,
    Zh,
}

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
