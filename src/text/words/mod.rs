//! The page's fixed words (buttons, menus, dialogs, headings, form hints),
//! one file per language: `en.rs`, `zh.rs`. Each is a `Words` literal, so a
//! word missing in one language does not build. `{}` marks where a value
//! goes (`fill`); every language has the same number of them in each word,
//! which a test checks.
//!
//! Sentences built from the model's events and problems are not here: they
//! are functions over the model's enums (`narrate.rs`, `problems.rs`, …, and
//! their Chinese twins in `zh/`), whose exhaustive matches do the same check.

use super::Lang;

mod en;
mod zh;

macro_rules! words {
    ($($(#[$doc:meta])* $name:ident,)*) => {
        /// Every fixed word of the page, in one language.
        pub struct Words {
            $($(#[$doc])* pub $name: &'static str,)*
        }

        impl Words {
            /// Every word with its field name, for the tests.
            pub fn all(&self) -> Vec<(&'static str, &'static str)> {
                vec![$((stringify!($name), self.$name),)*]
            }
        }
    };
}

words! {
    // The page
    doc_title,
    tagline,
    share_button,
    scenario_button,
    theme_auto,
    theme_dark,
    theme_light,
    language,
    story,
    choose_story,
    own_scenario,
    modified,
    more,
    dismiss,
    stage,
    stage_hosts,
    recipient,
    mailbox_part,
    domain_part,
    split_note,
    this_world,
    other_world,
    change_world,
    click_hint,
    flush_cache,
    send_another,
    undo,
    undo_title,
    redo,
    redo_title,
    open_full,
    untitled,
    // Playback
    playback,
    restart,
    prev_chapter,
    prev_chapter_keys,
    step_back,
    step_back_keys,
    play,
    pause,
    play_keys,
    step_forward,
    step_forward_keys,
    next_chapter,
    next_chapter_keys,
    speed,
    speed_label,
    chapters,
    timeline,
    legend,
    chapter_at,
    /// Play's label while the story holds on a key moment.
    continue_story,
    /// The "every packet" switch: each event as its own step.
    every_packet,
    every_packet_title,
    /// Before a key moment's one line: what to notice.
    notice_heading,
    /// Hides the "Predict:" and "Try this:" questions for the rest of the visit.
    prompts_off,
    /// Before a story's one-line lesson, at its end.
    lesson_heading,
    // A server's menu
    close_menu,
    now,
    take_down,
    bring_up,
    fault_when_up,
    fault_when_down,
    fault_mode,
    // Panels
    what_happens,
    step_of,
    press_play,
    technical_log,
    log_region,
    show_latest,
    show_all,
    resolver_cache,
    cache_empty_panel,
    any_type,
    col_name,
    col_type,
    col_answer,
    col_ttl_left,
    seconds_left,
    expired,
    queues,
    queue_empty,
    bounce_to,
    mail_to,
    queued_at,
    one_try_next,
    tries_next,
    try_under_way,
    mailboxes,
    no_mail,
    open_file,
    file_meta,
    download_eml,
    close,
    // Share and scenario dialogs
    share_heading,
    share_intro,
    link,
    copy_link,
    the_link,
    embed_label,
    copy_embed,
    the_snippet,
    embed_hint,
    copied,
    copy_failed,
    scenario_heading,
    scenario_intro,
    download_scenario,
    load_one,
    from_file,
    paste_here,
    load_pasted,
    not_loaded,
    file_too_large,
    file_not_text,
    // Replaying a mail log
    looks_like_a_log,
    replay_heading,
    replay_intro,
    replay_label,
    replay_button,
    replay_result,
    replay_result_one,
    replay_agrees,
    replay_not_produced,
    replay_show,
    replay_not_replayed,
    replay_hide,
    replay_running,
    replay_skipped,
    replay_skipped_line,
    skip_not_a_log_line,
    skip_not_postfix,
    skip_no_delivery,
    skip_exim,
    log_panel,
    log_story_title,
    log_story_explanation,
    log_panel_result,
    log_panel_result_one,
    log_panel_intro,
    log_panel_changed,
    log_line_ahead,
    log_line_next,
    log_line_clock,
    log_panel_skipped,
    log_line_show,
    // Explore
    explore,
    explore_hint,
    explore_tabs,
    tab_zone,
    tab_servers,
    tab_write,
    tab_compare,
    tab_export,
    compare_label,
    compare_hint,
    one_world,
    export_hint,
    trace_json,
    trace_text,
    stage_svg,
    from,
    to_several,
    subject,
    body,
    send_now,
    sent,
    servers_hint,
    role,
    role_of,
    role_final,
    role_backup,
    role_none,
    knows_recipients,
    mode,
    mode_of,
    down_from_start,
    next_hop,
    next_hop_of,
    ask_dns,
    always_to,
    remove_server,
    add_backup,
    outage,
    server,
    outage_server,
    down_from,
    up_again,
    end_after_start,
    add_outage,
    retries,
    policy,
    retry_policy,
    policy_postfix,
    policy_exim,
    policy_rfc,
    policy_custom,
    first_wait,
    growth_factor,
    longest_wait,
    give_up_after,
    by_age,
    apply_custom,
    lifetime_field,
    apply_lifetime,
    no_zone,
    zone_hint,
    zone,
    zone_to_edit,
    domain_is,
    zone_status,
    zone_ok,
    zone_nxdomain,
    zone_servfail,
    zone_timeout,
    soa_ttl,
    soa_min,
    record,
    field_name,
    field_preference,
    field_host,
    field_alias_of,
    field_address,
    field_ttl,
    remove,
    remove_record,
    add_mx,
    add_a,
    add_aaaa,
    add_cname,
    make_null_mx,
    apply_zone,
    not_applied,
    // Form fields (src/forms.rs)
    whole_number,
    ipv4_needed,
    ipv6_needed,
    one_recipient,
    too_many_recipients,
    seconds_range,
    first_wait_bad,
    longest_wait_bad,
    lifetime_bad,
    factor_bad,
    subject_one_line,
    subject_too_long,
    // The stage
    root_caption,
    host_status,
    host_status_queue,
    cache_entries,
}

impl Lang {
    /// The fixed words of this language.
    pub fn words(self) -> &'static Words {
        match self.built() {
            Lang::En => &en::WORDS,
            Lang::Zh => &zh::WORDS,
        }
    }
}

/// Puts `args` where `template` has `{}`, in order.
pub fn fill(template: &str, args: &[&dyn std::fmt::Display]) -> String {
    let mut out = String::with_capacity(template.len() + 16);
    let mut parts = template.split("{}");
    out.push_str(parts.next().unwrap_or(""));
    for (i, part) in parts.enumerate() {
        if let Some(a) = args.get(i) {
            out.push_str(&a.to_string());
        }
        out.push_str(part);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn is_cjk(c: char) -> bool {
        matches!(c, '\u{4e00}'..='\u{9fff}' | '\u{3000}'..='\u{303f}' | '\u{ff00}'..='\u{ffef}')
    }

    /// One word per concept (`zh/glossary.rs`): the synonyms a translation
    /// drifts to never appear on the page, in the stories or in the
    /// narration of any story.
    #[test]
    fn the_chinese_keeps_to_its_glossary() {
        const NOT: [(&str, &str); 6] = [("答案", "应答"), ("到期", "过期"), ("发件方", "发件服务器"), ("增长系数", "增长倍数"), ("保留期限", "保留时间"), ("记住", "缓存")];
        let mut texts: Vec<String> = Lang::Zh.words().all().into_iter().map(|(_, t)| t.to_string()).collect();
        for p in crate::presets::PRESETS {
            texts.push(crate::text::stories::title(p, Lang::Zh).to_string());
            texts.push(crate::text::stories::explanation(p, Lang::Zh).to_string());
            let sim = p.simulate();
            let narrator = crate::text::narrate::Narrator::new(&sim, Lang::Zh);
            texts.extend(sim.trace().iter().map(|ev| narrator.describe(ev).sentence));
        }
        for text in &texts {
            for (wrong, right) in NOT {
                assert!(!text.contains(wrong), "{wrong:?} where the glossary says {right:?}: {text}");
            }
        }
    }

    #[test]
    fn fill_puts_values_in_order() {
        assert_eq!(fill("step {} of {}", &[&3, &40]), "step 3 of 40");
        assert_eq!(fill("{}（已修改）", &[&"空 MX"]), "空 MX（已修改）");
        assert_eq!(fill("none", &[]), "none");
    }

    /// Every word exists in every language, with the same places for values;
    /// the Chinese words are Chinese (those that are protocol text alone,
    /// such as "SOA TTL", excepted).
    #[test]
    fn every_word_is_in_every_language() {
        let en = Lang::En.words().all();
        for lang in Lang::ALL {
            let words = lang.words().all();
            assert_eq!(words.len(), en.len());
            for ((name, text), (_, english)) in words.iter().zip(&en) {
                assert!(!text.trim().is_empty(), "{lang:?}.{name} is empty");
                assert_eq!(text.matches("{}").count(), english.matches("{}").count(), "{lang:?}.{name}: values");
            }
        }
        let protocol_only = ["soa_ttl", "chapter_at"];
        for (name, text) in Lang::Zh.words().all() {
            if !protocol_only.contains(&name) {
                assert!(text.chars().any(is_cjk), "zh.{name} is not Chinese: {text:?}");
            }
        }
    }
}
